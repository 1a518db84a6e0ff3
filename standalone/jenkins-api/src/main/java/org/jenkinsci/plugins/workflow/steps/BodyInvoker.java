// Compile-only stand-in of the upstream declaration (see standalone/jenkins-api/README.md).
package org.jenkinsci.plugins.workflow.steps;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.LauncherDecorator;

/**
 * Minimal behaviour, as upstream at 710.v3e456cc85233: {@link #withContexts} calls
 * {@link #withContext} for each override; {@link #mergeLauncherDecorators} without an original
 * decorator returns the subsequent one (merging two is not modelled and throws).
 */
public abstract class BodyInvoker {
    public abstract BodyInvoker withContext(Object override);

    public BodyInvoker withContexts(Object... overrides) {
        for (Object override : overrides) {
            withContext(override);
        }
        return this;
    }

    public abstract BodyInvoker withDisplayName(@NonNull String name);

    public abstract BodyInvoker withCallback(BodyExecutionCallback callback);

    public abstract BodyExecution start();

    public static LauncherDecorator mergeLauncherDecorators(@CheckForNull LauncherDecorator original, @NonNull LauncherDecorator subsequent) {
        if (original == null) {
            return subsequent;
        }
        throw new UnsupportedOperationException("stand-in: merging two decorators");
    }
}
