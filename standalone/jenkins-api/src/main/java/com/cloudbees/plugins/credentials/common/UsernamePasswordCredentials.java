// Compile-only stand-in of the upstream declaration (see standalone/jenkins-api/README.md).
package com.cloudbees.plugins.credentials.common;

public interface UsernamePasswordCredentials extends UsernameCredentials, PasswordCredentials {}
