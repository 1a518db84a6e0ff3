// Compile-only stand-in of the upstream declaration (see standalone/jenkins-api/README.md).
package hudson.model;

import edu.umd.cs.findbugs.annotations.NonNull;
import java.io.Serializable;

/** Minimal behaviour: the constants exist and know their names, so standalone tests can compare them. */
public final class Result implements Serializable {
    private static final long serialVersionUID = 1L;

    @NonNull
    public static final Result SUCCESS = new Result("SUCCESS");
    @NonNull
    public static final Result UNSTABLE = new Result("UNSTABLE");
    @NonNull
    public static final Result FAILURE = new Result("FAILURE");
    @NonNull
    public static final Result NOT_BUILT = new Result("NOT_BUILT");
    @NonNull
    public static final Result ABORTED = new Result("ABORTED");

    private final String name;

    private Result(String name) {
        this.name = name;
    }

    @NonNull
    public static Result fromString(@NonNull String s) {
        for (Result r : new Result[] {SUCCESS, UNSTABLE, FAILURE, NOT_BUILT, ABORTED}) {
            if (s.equalsIgnoreCase(r.name)) {
                return r;
            }
        }
        return FAILURE;
    }

    @Override
    @NonNull
    public String toString() {
        return name;
    }
}
