// Compile-only stand-in of the upstream declaration (see standalone/jenkins-api/README.md).
package hudson.model;

import java.io.IOException;

public interface Saveable {
    void save() throws IOException;
}
