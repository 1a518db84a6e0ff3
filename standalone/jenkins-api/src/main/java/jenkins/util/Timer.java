// Compile-only stand-in of the upstream declaration (see standalone/jenkins-api/README.md).
package jenkins.util;

import edu.umd.cs.findbugs.annotations.NonNull;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;

/**
 * Minimal behaviour: {@link #get()} lazily creates one shared scheduled pool of ten daemon
 * threads, as upstream (without upstream's impersonation of SYSTEM and its error logging).
 */
public class Timer {
    private static ScheduledExecutorService executorService;

    private Timer() {}

    @NonNull
    public static synchronized ScheduledExecutorService get() {
        if (executorService == null) {
            executorService = new ScheduledThreadPoolExecutor(10, task -> {
                Thread thread = new Thread(task, "jenkins.util.Timer");
                thread.setDaemon(true);
                return thread;
            });
        }
        return executorService;
    }
}
