// Compile-only stand-in of the upstream declaration (see standalone/jenkins-api/README.md).
package jenkins.agents;

import hudson.remoting.Callable;
import org.jenkinsci.remoting.RoleChecker;

public interface ControllerToAgentCallable<V, T extends Throwable> extends Callable<V, T> {
    @Override
    default void checkRoles(RoleChecker checker) throws SecurityException {
        throw new UnsupportedOperationException("stand-in");
    }
}
