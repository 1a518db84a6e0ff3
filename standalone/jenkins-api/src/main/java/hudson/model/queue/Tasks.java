// Compile-only stand-in of the upstream declaration (see standalone/jenkins-api/README.md).
package hudson.model.queue;

import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.model.Queue.Task;
import org.springframework.security.core.Authentication;

public class Tasks {
    @NonNull
    public static Authentication getAuthenticationOf2(@NonNull Task t) {
        throw new UnsupportedOperationException("stand-in");
    }
}
