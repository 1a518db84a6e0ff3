// Compile-only stand-in of the upstream declaration (see standalone/jenkins-api/README.md).
package hudson.util;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import java.io.Serializable;

/**
 * Minimal behaviour: a holder of the plain value, so that credentials test doubles can return a
 * password. Upstream, too, keeps the plain value in memory and encrypts only when persisting.
 */
public final class Secret implements Serializable {
    private static final long serialVersionUID = 1L;
    private final String value;

    Secret(String value) {
        this.value = value;
    }

    @Override
    @Deprecated
    public String toString() {
        return value;
    }

    @NonNull
    public String getPlainText() {
        return value;
    }

    @NonNull
    public static Secret fromString(@CheckForNull String data) {
        return new Secret(data == null ? "" : data);
    }
}
