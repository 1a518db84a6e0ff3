// Compile-only stand-in of the upstream declaration (see standalone/jenkins-api/README.md).
package hudson.security;

public final class Permission {
    private Permission() {
        throw new UnsupportedOperationException("stand-in");
    }
}
