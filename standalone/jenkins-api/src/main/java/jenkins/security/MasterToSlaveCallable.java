// Compile-only stand-in of the upstream declaration (see standalone/jenkins-api/README.md).
package jenkins.security;

import jenkins.agents.ControllerToAgentCallable;

public abstract class MasterToSlaveCallable<V, T extends Throwable> implements ControllerToAgentCallable<V, T> {
    private static final long serialVersionUID = 1L;
}
