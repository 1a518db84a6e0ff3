// Compile-only stand-in of the upstream declaration (see standalone/jenkins-api/README.md).
package com.cloudbees.plugins.credentials;

import edu.umd.cs.findbugs.annotations.NonNull;


public class CredentialsMatchers {
    private CredentialsMatchers() {}

    @SuppressWarnings("rawtypes")
    @NonNull
    public static CredentialsMatcher instanceOf(@NonNull Class clazz) {
        throw new UnsupportedOperationException("stand-in");
    }

    @NonNull
    public static CredentialsMatcher anyOf(@NonNull CredentialsMatcher... matchers) {
        throw new UnsupportedOperationException("stand-in");
    }
}
