// Compile-only stand-in of the upstream declaration (see standalone/jenkins-api/README.md).
package org.jenkinsci.plugins.workflow.steps;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import java.io.Serializable;

/**
 * Minimal behaviour: the constructor keeps the context and {@link #getContext()} returns it;
 * {@link #stop} fails the context with the cause and {@link #onResume} does nothing, as upstream.
 */
public abstract class StepExecution implements Serializable {
    private static final long serialVersionUID = 1L;
    private StepContext context;

    protected StepExecution(@NonNull StepContext context) {
        this.context = context;
    }

    @NonNull
    public StepContext getContext() {
        return context;
    }

    public abstract boolean start() throws Exception;

    public void stop(@NonNull Throwable cause) throws Exception {
        getContext().onFailure(cause);
    }

    public void onResume() {}

    @CheckForNull
    public String getStatus() {
        throw new UnsupportedOperationException("stand-in");
    }
}
