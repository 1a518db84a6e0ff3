// Compile-only stand-in of the upstream declaration (see standalone/jenkins-api/README.md).
package hudson.util;

import edu.umd.cs.findbugs.annotations.NonNull;
import java.util.ArrayList;

/** Upstream also implements org.kohsuke.stapler.HttpResponse. */
public class ListBoxModel extends ArrayList<ListBoxModel.Option> {
    private static final long serialVersionUID = 1L;

    public ListBoxModel() {
        throw new UnsupportedOperationException("stand-in");
    }

    public void add(@NonNull String displayName, @NonNull String value) {
        throw new UnsupportedOperationException("stand-in");
    }

    public ListBoxModel add(@NonNull String nameAndValue) {
        throw new UnsupportedOperationException("stand-in");
    }

    public static final class Option {
        private Option() {
            throw new UnsupportedOperationException("stand-in");
        }
    }
}
