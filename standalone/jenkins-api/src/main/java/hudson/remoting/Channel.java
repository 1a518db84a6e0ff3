// Compile-only stand-in of the upstream declaration (see standalone/jenkins-api/README.md).
package hudson.remoting;

import java.io.Closeable;
import java.io.IOException;

/**
 * Only as the type {@code Launcher.launchChannel} returns; never constructed by the glue, so the
 * constructors (which need a transport) are left out, as is the IChannel supertype.
 */
public class Channel implements VirtualChannel, Closeable {
    private Channel() {
        throw new UnsupportedOperationException("stand-in");
    }

    @Override
    public <V, T extends Throwable> V call(Callable<V, T> callable) throws IOException, T, InterruptedException {
        throw new UnsupportedOperationException("stand-in");
    }

    @Override
    public <V, T extends Throwable> Future<V> callAsync(Callable<V, T> callable) throws IOException {
        throw new UnsupportedOperationException("stand-in");
    }

    @Override
    public synchronized void close() throws IOException {
        throw new UnsupportedOperationException("stand-in");
    }

    @Override
    public synchronized void join() throws InterruptedException {
        throw new UnsupportedOperationException("stand-in");
    }

    @Override
    public synchronized void join(long timeout) throws InterruptedException {
        throw new UnsupportedOperationException("stand-in");
    }

    @Override
    public <T> T export(Class<T> type, T instance) {
        throw new UnsupportedOperationException("stand-in");
    }

    @Override
    public void syncLocalIO() throws InterruptedException {
        throw new UnsupportedOperationException("stand-in");
    }
}
