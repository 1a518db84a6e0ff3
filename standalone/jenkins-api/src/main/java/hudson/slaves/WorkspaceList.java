// Compile-only stand-in of the upstream declaration (see standalone/jenkins-api/README.md).
package hudson.slaves;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.FilePath;

public final class WorkspaceList {
    public WorkspaceList() {
        throw new UnsupportedOperationException("stand-in");
    }

    @CheckForNull
    public static FilePath tempDir(FilePath ws) {
        throw new UnsupportedOperationException("stand-in");
    }
}
