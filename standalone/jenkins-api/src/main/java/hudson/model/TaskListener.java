// Compile-only stand-in of the upstream declaration (see standalone/jenkins-api/README.md).
package hudson.model;

import edu.umd.cs.findbugs.annotations.NonNull;
import java.io.PrintStream;
import java.io.Serializable;

/** Upstream extends SerializableOnlyOverRemoting, itself a Serializable. */
public interface TaskListener extends Serializable {
    @NonNull
    PrintStream getLogger();
}
