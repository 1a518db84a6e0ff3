// Compile-only stand-in of the upstream declaration (see standalone/jenkins-api/README.md).
package hudson.model;

import hudson.EnvVars;
import java.io.IOException;

public abstract class Computer extends Actionable {
    public EnvVars getEnvironment() throws IOException, InterruptedException {
        throw new UnsupportedOperationException("stand-in");
    }
}
