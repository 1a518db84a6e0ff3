// Compile-only stand-in of the upstream declaration (see standalone/jenkins-api/README.md).
package com.cloudbees.jenkins.plugins.awscredentials;

import com.cloudbees.plugins.credentials.common.StandardCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;

/**
 * Upstream also extends the AWS SDK v1 {@code com.amazonaws.auth.AWSCredentialsProvider} (kept for
 * compatibility) and carries {@code @NameWith}; the glue uses only the SDK v2 side.
 */
public interface AmazonWebServicesCredentials extends StandardCredentials, AwsCredentialsProvider {
    long serialVersionUID = -8931505925778535681L;

    String getDisplayName();
}
