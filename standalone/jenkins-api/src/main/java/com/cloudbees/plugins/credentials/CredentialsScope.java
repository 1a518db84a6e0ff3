// Compile-only stand-in of the upstream declaration (see standalone/jenkins-api/README.md).
package com.cloudbees.plugins.credentials;

import java.io.Serializable;

/** Upstream's constants carry bodies (display name, visibility); only the constants are used here. */
public enum CredentialsScope implements Serializable {
    SYSTEM,
    GLOBAL,
    USER
}
