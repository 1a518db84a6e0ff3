package io.jenkins.plugins.esperanto.credentials;

import com.cloudbees.jenkins.plugins.awscredentials.AmazonWebServicesCredentials;
import com.cloudbees.plugins.credentials.CredentialsProvider;
import com.cloudbees.plugins.credentials.common.StandardCredentials;
import com.cloudbees.plugins.credentials.common.StandardUsernamePasswordCredentials;
import hudson.AbortException;
import hudson.model.Run;
import hudson.util.Secret;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;

/**
 * Turns a credential of the Jenkins store into {@link ResolvedCredentials}: AWS credentials
 * (aws-credentials plugin; an IAM role is assumed by that plugin, on the controller) become AWS
 * keys for an ECR token, a username with password becomes registry login. Anything else is a
 * configuration error.
 */
public final class CredentialsMapping {
  private CredentialsMapping() {}

  /**
   * Looks {@code credentialsId} up for {@code run} (so folder credentials work) and records its use.
   *
   * @throws AbortException when it does not exist or is of a type we cannot use
   */
  public static ResolvedCredentials forRun(String credentialsId, Run<?, ?> run) throws AbortException {
    if (credentialsId == null || credentialsId.isBlank()) {
      return ResolvedCredentials.none();
    }
    StandardCredentials found = CredentialsProvider.findCredentialById(credentialsId, StandardCredentials.class, run);
    if (found == null) {
      throw new AbortException("credentialsId: no credentials with id '" + credentialsId
          + "' are visible to this build; add AWS or username/password credentials with that id, or fix the id");
    }
    ResolvedCredentials resolved = map(credentialsId, found);
    CredentialsProvider.track(run, found);
    return resolved;
  }

  /**
   * Maps one credential.
   *
   * @throws AbortException when the type is neither AWS credentials nor username with password
   */
  public static ResolvedCredentials map(String credentialsId, StandardCredentials credentials) throws AbortException {
    if (credentials instanceof AmazonWebServicesCredentials) {
      AwsCredentials aws = ((AmazonWebServicesCredentials) credentials).resolveCredentials();
      Secret token = aws instanceof AwsSessionCredentials
          ? Secret.fromString(((AwsSessionCredentials) aws).sessionToken()) : null;
      return ResolvedCredentials.awsKeys(credentialsId, aws.accessKeyId(), Secret.fromString(aws.secretAccessKey()),
          token);
    }
    if (credentials instanceof StandardUsernamePasswordCredentials) {
      StandardUsernamePasswordCredentials up = (StandardUsernamePasswordCredentials) credentials;
      return ResolvedCredentials.usernamePassword(credentialsId, up.getUsername(), up.getPassword(),
          up.isUsernameSecret());
    }
    throw new AbortException("credentialsId: credentials '" + credentialsId + "' are a "
        + credentials.getClass().getSimpleName()
        + "; use AWS credentials (for ECR) or a username with password (for other registries)");
  }
}
