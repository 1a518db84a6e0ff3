// Compile-only stand-in of the upstream declaration (see standalone/jenkins-api/README.md).
package com.cloudbees.plugins.credentials.common;

import com.cloudbees.plugins.credentials.Credentials;
import edu.umd.cs.findbugs.annotations.NonNull;

/**
 * Minimal behaviour: {@link #isUsernameSecret()} is true, as upstream's default. Upstream also
 * carries @LegacyMixIn and @NameWith (display naming in the credentials UI).
 */
public interface UsernameCredentials extends Credentials {
    @NonNull
    String getUsername();

    default boolean isUsernameSecret() {
        return true;
    }
}
