// Compile-only stand-in of the upstream declaration (see standalone/jenkins-api/README.md).
package hudson.model;

import java.io.PrintStream;
import java.io.Serializable;

/** Upstream extends SerializableOnlyOverRemoting, itself a Serializable. */
public interface TaskListener extends Serializable {
    PrintStream getLogger();
}
