// Compile-only stand-in of the upstream declaration (see standalone/jenkins-api/README.md).
package hudson;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.remoting.VirtualChannel;
import java.io.Serializable;

/**
 * Upstream implements {@code SerializableOnlyOverRemoting} (a Serializable). Minimal behaviour:
 * the constructor and the two getters hold values, so test code can build a workspace.
 */
public final class FilePath implements Serializable {
    private static final long serialVersionUID = 1L;
    private final transient VirtualChannel channel;
    private final String remote;

    public FilePath(@CheckForNull VirtualChannel channel, @NonNull String remote) {
        this.channel = channel;
        this.remote = remote;
    }

    public String getRemote() {
        return remote;
    }

    public VirtualChannel getChannel() {
        return channel;
    }
}
