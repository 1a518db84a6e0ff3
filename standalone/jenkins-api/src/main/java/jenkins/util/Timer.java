// Compile-only stand-in of the upstream declaration (see standalone/jenkins-api/README.md).
package jenkins.util;

import java.util.concurrent.ScheduledExecutorService;

public class Timer {
    public static synchronized ScheduledExecutorService get() {
        throw new UnsupportedOperationException("stand-in");
    }
}
