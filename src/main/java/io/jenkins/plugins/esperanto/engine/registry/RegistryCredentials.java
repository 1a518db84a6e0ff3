package io.jenkins.plugins.esperanto.engine.registry;

import java.util.Objects;
import java.util.Optional;

/**
 * The credentials used for a registry: AWS keys, a username and password, the AWS default
 * provider chain, or none. Each kind says where it came from ({@link #source()}), so that an
 * "unauthorized" error can name the kind and its source without showing any value.
 *
 * <p>{@code toString} never shows a secret (secrets are {@link Secret}s), and shows neither the
 * access key id nor the username: errors name kinds and sources only.
 */
public sealed interface RegistryCredentials {

  /** What kind of credential this is, for messages: e.g. "AWS access key". */
  String kind();

  /** Where it came from, for messages: e.g. "environment (AWS_ACCESS_KEY_ID)". */
  String source();

  /** True for kinds that get ECR tokens from AWS (keys or the default chain). */
  default boolean isAws() {
    return this instanceof AwsKeys || this instanceof AwsDefaultChain;
  }

  /** The kind and source, e.g. "username/password from the command line". */
  default String describe() {
    return kind() + " from " + source();
  }

  /**
   * An AWS access key pair, optionally with a session token and a role to assume (STS) for a
   * cross-account registry.
   */
  static RegistryCredentials awsKeys(
      String accessKeyId, Secret secretAccessKey, Optional<Secret> sessionToken, Optional<String> roleArn, String source) {
    return new AwsKeys(accessKeyId, secretAccessKey, sessionToken, roleArn, source);
  }

  /** A registry username and password (or an ECR token pasted as the password of user AWS). */
  static RegistryCredentials usernamePassword(String username, Secret password, String source) {
    return new UsernamePassword(username, password, source);
  }

  /**
   * The AWS SDK default provider chain (environment, profile, web identity, container and
   * instance roles), optionally with a named profile and a role to assume.
   */
  static RegistryCredentials awsDefaultChain(Optional<String> profile, Optional<String> roleArn, String source) {
    return new AwsDefaultChain(profile, roleArn, source);
  }

  /** No credentials: anonymous access. */
  static RegistryCredentials anonymous() {
    return Anonymous.INSTANCE;
  }

  /** AWS access key id, secret key, optional session token and role. */
  record AwsKeys(String accessKeyId, Secret secretAccessKey, Optional<Secret> sessionToken, Optional<String> roleArn,
      String source) implements RegistryCredentials {
    /** Checks that no part is missing. */
    public AwsKeys {
      Objects.requireNonNull(accessKeyId, "accessKeyId");
      Objects.requireNonNull(secretAccessKey, "secretAccessKey");
      Objects.requireNonNull(sessionToken, "sessionToken");
      Objects.requireNonNull(roleArn, "roleArn");
      Objects.requireNonNull(source, "source");
    }

    @Override
    public String kind() {
      return (sessionToken.isPresent() ? "AWS access key with session token" : "AWS access key")
          + roleArn.map(r -> " assuming role " + r).orElse("");
    }

    @Override
    public String toString() {
      return describe();
    }
  }

  /** Username and password. */
  record UsernamePassword(String username, Secret password, String source) implements RegistryCredentials {
    /** Checks that no part is missing. */
    public UsernamePassword {
      Objects.requireNonNull(username, "username");
      Objects.requireNonNull(password, "password");
      Objects.requireNonNull(source, "source");
    }

    @Override
    public String kind() {
      return "username/password";
    }

    @Override
    public String toString() {
      return describe();
    }
  }

  /** The AWS default provider chain. */
  record AwsDefaultChain(Optional<String> profile, Optional<String> roleArn, String source)
      implements RegistryCredentials {
    /** Checks that no part is missing. */
    public AwsDefaultChain {
      Objects.requireNonNull(profile, "profile");
      Objects.requireNonNull(roleArn, "roleArn");
      Objects.requireNonNull(source, "source");
    }

    @Override
    public String kind() {
      return "AWS default credential chain" + profile.map(p -> " (profile " + p + ")").orElse("")
          + roleArn.map(r -> " assuming role " + r).orElse("");
    }

    @Override
    public String toString() {
      return describe();
    }
  }

  /** No credentials. */
  enum Anonymous implements RegistryCredentials {
    INSTANCE;

    @Override
    public String kind() {
      return "no credentials (anonymous)";
    }

    @Override
    public String source() {
      return "the default, since no credentials were configured";
    }

    @Override
    public String toString() {
      return describe();
    }
  }
}
