// Compile-only stand-in of the upstream declaration (see standalone/jenkins-api/README.md).
package com.cloudbees.jenkins.plugins.awscredentials;

import com.amazonaws.auth.AWSCredentials;
import com.amazonaws.auth.AWSCredentialsProvider;
import com.cloudbees.plugins.credentials.common.StandardCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;

/**
 * Both SDK sides as upstream: the v1 {@code AWSCredentialsProvider} is the real interface from
 * aws-java-sdk-core (Maven Central), the v2 {@code AwsCredentialsProvider} the real one from the
 * SDK v2 {@code auth} module. Upstream also carries {@code @NameWith} (display naming).
 */
public interface AmazonWebServicesCredentials extends StandardCredentials, AWSCredentialsProvider, AwsCredentialsProvider {
    long serialVersionUID = -8931505925778535681L;

    String getDisplayName();

    AWSCredentials getCredentials(String mfaToken);

    AwsCredentials resolveCredentials(String mfaToken);
}
