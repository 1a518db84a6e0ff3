// Compile-only stand-in of the upstream declaration (see standalone/jenkins-api/README.md).
package hudson.remoting;

import edu.umd.cs.findbugs.annotations.NonNull;
import java.io.IOException;
import java.io.OutputStream;
import java.io.Serializable;

/**
 * Upstream implements SerializableOnlyOverRemoting, itself a Serializable, and exports the wrapped
 * stream to the other side of a channel. Minimal behaviour: writes go to the wrapped stream, so a
 * test channel that runs callables in-process sees the output.
 */
public final class RemoteOutputStream extends OutputStream implements Serializable {
    private static final long serialVersionUID = 1L;
    private final transient OutputStream core;

    public RemoteOutputStream(OutputStream core) {
        this.core = core;
    }

    @Override
    public void write(int b) throws IOException {
        core.write(b);
    }

    @Override
    public void write(@NonNull byte[] b, int off, int len) throws IOException {
        core.write(b, off, len);
    }

    @Override
    public void flush() throws IOException {
        core.flush();
    }

    @Override
    public void close() throws IOException {
        core.close();
    }
}
