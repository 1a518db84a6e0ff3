// Compile-only stand-in of the upstream declaration (see standalone/jenkins-api/README.md).
package hudson.slaves;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.FilePath;

/**
 * Minimal behaviour: {@link #tempDir} gives the {@code @tmp} sibling of the workspace, or null when
 * the workspace has no parent, as upstream's {@code ws.sibling(ws.getName() + "@tmp")} does
 * (FilePath.getParent and getName at jenkins-2.555.3, read here from the remote path).
 */
public final class WorkspaceList {
    public WorkspaceList() {
        throw new UnsupportedOperationException("stand-in");
    }

    @CheckForNull
    public static FilePath tempDir(FilePath ws) {
        String remote = ws.getRemote();
        // getParent: the last separator before the final character; none means no parent.
        int parentEnd = remote.length() - 2;
        while (parentEnd >= 0 && remote.charAt(parentEnd) != '/' && remote.charAt(parentEnd) != '\\') {
            parentEnd--;
        }
        if (parentEnd < 0) {
            return null;
        }
        // getName: the last path element, ignoring one trailing separator.
        String trimmed = remote.endsWith("/") || remote.endsWith("\\") ? remote.substring(0, remote.length() - 1) : remote;
        String name = trimmed.substring(Math.max(trimmed.lastIndexOf('/'), trimmed.lastIndexOf('\\')) + 1);
        return new FilePath(ws.getChannel(), remote.substring(0, parentEnd + 1) + name + "@tmp");
    }
}
