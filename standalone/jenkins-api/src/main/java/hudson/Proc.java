// Compile-only stand-in of the upstream declaration (see standalone/jenkins-api/README.md).
package hudson;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

public abstract class Proc {
    public abstract boolean isAlive() throws IOException, InterruptedException;

    public abstract void kill() throws IOException, InterruptedException;

    public abstract int join() throws IOException, InterruptedException;

    public abstract InputStream getStdout();

    public abstract InputStream getStderr();

    public abstract OutputStream getStdin();
}
