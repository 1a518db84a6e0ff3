// Compile-only stand-in of the upstream declaration (see standalone/jenkins-api/README.md).
package hudson.security;

import org.springframework.security.access.AccessDeniedException;

public interface AccessControlled {
    default void checkPermission(Permission permission) throws AccessDeniedException {
        throw new UnsupportedOperationException("stand-in");
    }
}
