// Compile-only stand-in of the upstream declaration (see standalone/jenkins-api/README.md).
package hudson.remoting;

import java.io.Serializable;
import org.jenkinsci.remoting.RoleSensitive;

public interface Callable<V, T extends Throwable> extends Serializable, RoleSensitive {
    V call() throws T;
}
