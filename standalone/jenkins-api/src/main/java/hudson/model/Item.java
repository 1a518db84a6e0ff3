// Compile-only stand-in of the upstream declaration (see standalone/jenkins-api/README.md).
package hudson.model;

import hudson.security.AccessControlled;
import hudson.security.Permission;

/** Only the permissions the forms check; the glue never implements an item. */
public interface Item extends AccessControlled {
    Permission CONFIGURE = null;

    Permission EXTENDED_READ = null;
}
