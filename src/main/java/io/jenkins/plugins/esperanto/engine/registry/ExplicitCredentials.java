package io.jenkins.plugins.esperanto.engine.registry;

import java.util.Optional;

/**
 * Credentials given explicitly by the caller: command-line flags, or a Jenkins credential
 * translated by the plugin. Everything is optional; {@link CredentialsResolver} completes it
 * from the environment, the config file and the AWS default chain.
 */
public final class ExplicitCredentials {
  private final Optional<String> username;
  private final Optional<Secret> password;
  private final Optional<String> awsProfile;
  private final Optional<String> roleArn;
  private final String source;

  private ExplicitCredentials(Builder b) {
    this.username = b.username;
    this.password = b.password;
    this.awsProfile = b.awsProfile;
    this.roleArn = b.roleArn;
    this.source = b.source;
  }

  /** Nothing explicit: resolution starts at the environment. */
  public static ExplicitCredentials none() {
    return builder("nowhere").build();
  }

  /**
   * A builder.
   *
   * @param source how these were given, for messages, e.g. "the command line"
   */
  public static Builder builder(String source) {
    return new Builder(source);
  }

  /** The username, if given. */
  public Optional<String> username() {
    return username;
  }

  /** The password, if given (from stdin or a credential store, never a flag value). */
  public Optional<Secret> password() {
    return password;
  }

  /** The AWS profile to use with the default chain, if given. */
  public Optional<String> awsProfile() {
    return awsProfile;
  }

  /** The role to assume with STS, if given. */
  public Optional<String> roleArn() {
    return roleArn;
  }

  /** How these were given. */
  public String source() {
    return source;
  }

  @Override
  public String toString() {
    return "explicit credentials from " + source + (username.isPresent() ? " with username" : "")
        + (password.isPresent() ? " with password" : "") + awsProfile.map(p -> " profile " + p).orElse("")
        + roleArn.map(r -> " role " + r).orElse("");
  }

  /** Builds {@link ExplicitCredentials}. */
  public static final class Builder {
    private final String source;
    private Optional<String> username = Optional.empty();
    private Optional<Secret> password = Optional.empty();
    private Optional<String> awsProfile = Optional.empty();
    private Optional<String> roleArn = Optional.empty();

    private Builder(String source) {
      this.source = source;
    }

    /** Sets the username. */
    public Builder username(String value) {
      this.username = Optional.ofNullable(value).filter(v -> !v.isEmpty());
      return this;
    }

    /** Sets the password. */
    public Builder password(Secret value) {
      this.password = Optional.ofNullable(value);
      return this;
    }

    /** Sets the AWS profile. */
    public Builder awsProfile(String value) {
      this.awsProfile = Optional.ofNullable(value).filter(v -> !v.isEmpty());
      return this;
    }

    /** Sets the role to assume. */
    public Builder roleArn(String value) {
      this.roleArn = Optional.ofNullable(value).filter(v -> !v.isEmpty());
      return this;
    }

    /** The value. */
    public ExplicitCredentials build() {
      return new ExplicitCredentials(this);
    }
  }
}
