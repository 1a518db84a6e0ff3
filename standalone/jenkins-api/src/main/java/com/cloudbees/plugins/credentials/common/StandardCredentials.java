// Compile-only stand-in of the upstream declaration (see standalone/jenkins-api/README.md).
package com.cloudbees.plugins.credentials.common;

import edu.umd.cs.findbugs.annotations.NonNull;

/** Upstream also carries @Recommended and @NameWith (display naming in the credentials UI). */
public interface StandardCredentials extends IdCredentials {
    @NonNull
    String getDescription();
}
