// Compile-only stand-in of the upstream declaration (see standalone/jenkins-api/README.md).
package hudson.model;

public abstract class Node {
    public abstract String getNodeName();
}
