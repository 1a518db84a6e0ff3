// Compile-only stand-in of the upstream declaration (see standalone/jenkins-api/README.md).
package org.jenkinsci.remoting;

public interface RoleSensitive {
    void checkRoles(RoleChecker checker) throws SecurityException;
}
