package io.jenkins.plugins.esperanto.credentials;

import hudson.util.Secret;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Registry credentials taken from the Jenkins credential store for one build, in the form the
 * agent needs. Secrets stay {@link Secret}s: they cross the (encrypted) remoting channel, are
 * never written to disk by us, and never appear in {@link #toString()}.
 */
public final class ResolvedCredentials implements Serializable {
  private static final long serialVersionUID = 1L;

  /** What the engine does with these credentials. */
  public enum Kind {
    /** No credential configured: anonymous access, or the AWS default chain for an ECR registry. */
    NONE,
    /** AWS access keys (possibly temporary, with a session token) for an ECR token. */
    AWS_KEYS,
    /** A username and password for any other registry. */
    USERNAME_PASSWORD
  }

  private final Kind kind;
  private final String credentialsId;
  private final String principal;
  private final Secret secret;
  private final Secret sessionToken;
  private final boolean principalSecret;

  private ResolvedCredentials(Kind kind, String credentialsId, String principal, Secret secret, Secret sessionToken,
      boolean principalSecret) {
    this.kind = kind;
    this.credentialsId = credentialsId;
    this.principal = principal;
    this.secret = secret;
    this.sessionToken = sessionToken;
    this.principalSecret = principalSecret;
  }

  /** No credentials configured. */
  public static ResolvedCredentials none() {
    return new ResolvedCredentials(Kind.NONE, "", "", null, null, false);
  }

  /** AWS keys; {@code sessionToken} may be null for long-term keys. */
  public static ResolvedCredentials awsKeys(String credentialsId, String accessKeyId, Secret secretAccessKey,
      Secret sessionToken) {
    return new ResolvedCredentials(Kind.AWS_KEYS, credentialsId, accessKeyId, secretAccessKey, sessionToken, false);
  }

  /**
   * A username and password; {@code usernameSecret} as the credential says
   * ({@code UsernameCredentials.isUsernameSecret()}): a secret username is masked like the password.
   */
  public static ResolvedCredentials usernamePassword(String credentialsId, String username, Secret password,
      boolean usernameSecret) {
    return new ResolvedCredentials(Kind.USERNAME_PASSWORD, credentialsId, username, password, null, usernameSecret);
  }

  public Kind kind() {
    return kind;
  }

  /** The id in the credential store, for messages; empty for {@link Kind#NONE}. */
  public String credentialsId() {
    return credentialsId;
  }

  /** The access key id or the username. */
  public String principal() {
    return principal;
  }

  /** The secret access key or the password. */
  public Optional<Secret> secret() {
    return Optional.ofNullable(secret);
  }

  public Optional<Secret> sessionToken() {
    return Optional.ofNullable(sessionToken);
  }

  /** Every secret value, for masking log lines: the secrets, and the username when it is secret. */
  public List<String> secretValues() {
    List<String> values = new ArrayList<>();
    if (principalSecret && !principal.isEmpty()) {
      values.add(principal);
    }
    secret().map(Secret::getPlainText).filter(s -> !s.isEmpty()).ifPresent(values::add);
    sessionToken().map(Secret::getPlainText).filter(s -> !s.isEmpty()).ifPresent(values::add);
    return values;
  }

  @Override
  public String toString() {
    return kind == Kind.NONE ? "no credentials" : kind + " from credentials '" + credentialsId + "'";
  }
}
