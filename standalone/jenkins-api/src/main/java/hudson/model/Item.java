// Compile-only stand-in of the upstream declaration (see standalone/jenkins-api/README.md).
package hudson.model;

import hudson.security.AccessControlled;

public interface Item extends AccessControlled {}
