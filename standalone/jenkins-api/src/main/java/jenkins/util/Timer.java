// Compile-only stand-in of the upstream declaration (see standalone/jenkins-api/README.md).
package jenkins.util;

import edu.umd.cs.findbugs.annotations.NonNull;
import java.util.concurrent.ScheduledExecutorService;

public class Timer {
    private Timer() {}

    @NonNull
    public static synchronized ScheduledExecutorService get() {
        throw new UnsupportedOperationException("stand-in");
    }
}
