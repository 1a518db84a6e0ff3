// Compile-only stand-in of the upstream declaration (see standalone/jenkins-api/README.md).
package hudson.remoting;

import java.io.IOException;
import java.util.concurrent.Future;

/** Only the members the glue uses; test doubles implement these. */
public interface VirtualChannel {
    <V, T extends Throwable> V call(Callable<V, T> callable) throws IOException, T, InterruptedException;

    <V, T extends Throwable> Future<V> callAsync(final Callable<V, T> callable) throws IOException;
}
