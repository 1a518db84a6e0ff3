// Compile-only stand-in of the upstream declaration (see standalone/jenkins-api/README.md).
package hudson;

import hudson.model.Node;

public abstract class LauncherDecorator implements ExtensionPoint {
    public abstract Launcher decorate(Launcher launcher, Node node);
}
