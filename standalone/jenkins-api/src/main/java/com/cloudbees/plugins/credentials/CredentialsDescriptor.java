// Compile-only stand-in of the upstream declaration (see standalone/jenkins-api/README.md).
package com.cloudbees.plugins.credentials;

import hudson.model.Descriptor;

/** Upstream also implements IconSpec; only the type is used (what {@link Credentials#getDescriptor} returns). */
public abstract class CredentialsDescriptor extends Descriptor<Credentials> {
    protected CredentialsDescriptor(Class<? extends Credentials> clazz) {
        throw new UnsupportedOperationException("stand-in");
    }

    protected CredentialsDescriptor() {
        throw new UnsupportedOperationException("stand-in");
    }
}
