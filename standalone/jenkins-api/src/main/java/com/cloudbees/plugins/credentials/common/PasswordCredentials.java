// Compile-only stand-in of the upstream declaration (see standalone/jenkins-api/README.md).
package com.cloudbees.plugins.credentials.common;

import com.cloudbees.plugins.credentials.Credentials;
import hudson.util.Secret;
import edu.umd.cs.findbugs.annotations.NonNull;

public interface PasswordCredentials extends Credentials {
    @NonNull
    Secret getPassword();
}
