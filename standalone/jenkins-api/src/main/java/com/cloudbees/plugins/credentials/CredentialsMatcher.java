// Compile-only stand-in of the upstream declaration (see standalone/jenkins-api/README.md).
package com.cloudbees.plugins.credentials;

import java.io.Serializable;
import edu.umd.cs.findbugs.annotations.NonNull;

public interface CredentialsMatcher extends Serializable {
    boolean matches(@NonNull Credentials item);
}
