// Compile-only stand-in of the upstream declaration (see standalone/jenkins-api/README.md).
package hudson.util;

import java.io.IOException;

/** Upstream also implements org.kohsuke.stapler.HttpResponse. */
public abstract class FormValidation extends IOException {
    private static final long serialVersionUID = 1L;

    public static FormValidation error(String message) {
        throw new UnsupportedOperationException("stand-in");
    }

    public static FormValidation warning(String message) {
        throw new UnsupportedOperationException("stand-in");
    }

    public static FormValidation ok() {
        throw new UnsupportedOperationException("stand-in");
    }
}
