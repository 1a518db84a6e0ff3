package io.jenkins.plugins.esperanto.engine.registry;

import io.jenkins.plugins.esperanto.engine.api.HostHome;
import io.jenkins.plugins.esperanto.engine.api.Printable;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Decides which credentials to use for a registry, in this order:
 *
 * <ol>
 *   <li>explicit: flags (or a Jenkins credential) — username and password, or an AWS profile;
 *   <li>environment: {@code ESPERANTO_REGISTRY_USERNAME}/{@code ESPERANTO_REGISTRY_PASSWORD}, for
 *       one registry host only: {@code ESPERANTO_REGISTRY_HOST}, else the host of the repository
 *       the command works with ({@link #withRepository}); then, for ECR,
 *       {@code AWS_ACCESS_KEY_ID}/{@code AWS_SECRET_ACCESS_KEY} [/{@code AWS_SESSION_TOKEN}];
 *   <li>the config file {@code ~/.config/esperanto/config.yaml}, entry for the registry host
 *       (refused when group or others have access to it);
 *   <li>for ECR hosts, the AWS default provider chain;
 *   <li>anonymous.
 * </ol>
 *
 * A role ARN given explicitly is assumed (STS) on top of whichever AWS credentials win.
 */
public final class CredentialsResolver {
  static final String USERNAME_VARIABLE = "ESPERANTO_REGISTRY_USERNAME";
  static final String PASSWORD_VARIABLE = "ESPERANTO_REGISTRY_PASSWORD";
  static final String HOST_VARIABLE = "ESPERANTO_REGISTRY_HOST";
  private static final Pattern ROLE_ARN = Pattern.compile("arn:aws[a-z-]*:iam::[0-9]{12}:role/[\\w+=,.@/-]{1,512}");

  private final Map<String, String> environment;
  private final Optional<ConfigFileCredentials> configFile;
  private final Optional<String> repositoryHost;

  private CredentialsResolver(Map<String, String> environment, Optional<ConfigFileCredentials> configFile,
      Optional<String> repositoryHost) {
    this.environment = Map.copyOf(environment);
    this.configFile = configFile;
    this.repositoryHost = repositoryHost;
  }

  /** A resolver over this process's environment and the user's config file. */
  public static CredentialsResolver forCurrentUser() {
    Map<String, String> environment = System.getenv();
    return new CredentialsResolver(environment, defaultConfigFile(environment).map(ConfigFileCredentials::new),
        Optional.empty());
  }

  /** A resolver over the given environment and config file (which may not exist). */
  public static CredentialsResolver of(Map<String, String> environment, Path configFile) {
    return new CredentialsResolver(environment, Optional.of(new ConfigFileCredentials(configFile)), Optional.empty());
  }

  /**
   * This resolver, with the environment's username and password meant for {@code repository}'s
   * host when {@code ESPERANTO_REGISTRY_HOST} does not name one.
   */
  public CredentialsResolver withRepository(RegistryLocation repository) {
    return new CredentialsResolver(environment, configFile, repository.host());
  }

  /**
   * {@code $XDG_CONFIG_HOME/esperanto/config.yaml}, or {@code ~/.config/esperanto/config.yaml};
   * empty without either ({@link HostHome}: never a file under the current folder).
   */
  public static Optional<Path> defaultConfigFile(Map<String, String> environment) {
    return HostHome.configBase(environment).map(base -> base.resolve("esperanto").resolve("config.yaml"));
  }

  /**
   * The credentials for {@code location}.
   *
   * @throws RegistryCredentialsException when a pair is incomplete, a role ARN is malformed, or
   *     the config file is open to others or malformed
   */
  public RegistryCredentials resolve(RegistryLocation location, ExplicitCredentials explicit)
      throws RegistryCredentialsException {
    Optional<String> roleArn = checkRoleArn(explicit.roleArn());
    boolean ecr = location.ecr().isPresent();
    Optional<RegistryCredentials> found = fromExplicit(explicit, roleArn);
    if (found.isEmpty()) {
      found = fromEnvironment(location, roleArn);
    }
    if (found.isEmpty() && location.host().isPresent()) {
      found = configFile.isEmpty() ? Optional.empty()
          : configFile.get().forHost(location.host().get()).map(c -> withRole(c, roleArn));
    }
    if (found.isEmpty() && ecr) {
      found = Optional.of(RegistryCredentials.awsDefaultChain(
          Optional.empty(), roleArn, "the AWS default provider chain"));
    }
    return found.orElse(RegistryCredentials.anonymous());
  }

  private Optional<RegistryCredentials> fromExplicit(ExplicitCredentials explicit, Optional<String> roleArn)
      throws RegistryCredentialsException {
    if (explicit.username().isPresent() != explicit.password().isPresent()) {
      throw new RegistryCredentialsException("Tried to use the registry username and password from " + explicit.source()
          + " but only the " + (explicit.username().isPresent() ? "username" : "password")
          + " was given; give both (the password on standard input with --password-stdin)");
    }
    if (explicit.username().isPresent()) {
      return Optional.of(RegistryCredentials.usernamePassword(
          explicit.username().get(), explicit.password().get(), explicit.source()));
    }
    if (explicit.awsProfile().isPresent()) {
      return Optional.of(RegistryCredentials.awsDefaultChain(explicit.awsProfile(), roleArn, explicit.source()));
    }
    return Optional.empty();
  }

  private Optional<RegistryCredentials> fromEnvironment(RegistryLocation location, Optional<String> roleArn)
      throws RegistryCredentialsException {
    boolean ecr = location.ecr().isPresent();
    Optional<String> user = variable(USERNAME_VARIABLE);
    Optional<String> password = variable(PASSWORD_VARIABLE);
    if (user.isPresent() != password.isPresent()) {
      throw new RegistryCredentialsException("Tried to use the registry credentials from the environment but only "
          + (user.isPresent() ? USERNAME_VARIABLE : PASSWORD_VARIABLE) + " is set; set both or neither");
    }
    if (user.isPresent()) {
      String scope = environmentHost();
      if (location.host().filter(scope::equalsIgnoreCase).isPresent()) {
        return Optional.of(RegistryCredentials.usernamePassword(user.get(), Secret.of(password.get()),
            "environment (" + USERNAME_VARIABLE + ", " + PASSWORD_VARIABLE + ") for " + scope));
      }
    }
    Optional<String> keyId = variable("AWS_ACCESS_KEY_ID");
    Optional<String> secret = variable("AWS_SECRET_ACCESS_KEY");
    if (ecr && keyId.isPresent() && secret.isPresent()) {
      return Optional.of(RegistryCredentials.awsKeys(keyId.get(), Secret.of(secret.get()),
          variable("AWS_SESSION_TOKEN").map(Secret::of), roleArn,
          "environment (AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY)"));
    }
    return Optional.empty();
  }

  /**
   * The one registry host the environment's username and password are for: they are never sent
   * to another registry, nor to another registry's token service.
   */
  private String environmentHost() throws RegistryCredentialsException {
    Optional<String> named = variable(HOST_VARIABLE);
    if (named.isPresent()) {
      if (!ImageReference.looksLikeHost(named.get()) || named.get().contains("/")) {
        throw new RegistryCredentialsException(HOST_VARIABLE + "='" + Printable.of(named.get())
            + "' is not a registry host; expected host[:port] such as registry.example.com:5000");
      }
      return named.get();
    }
    return repositoryHost.orElseThrow(() -> new RegistryCredentialsException("Tried to use the registry credentials "
        + "from the environment (" + USERNAME_VARIABLE + ", " + PASSWORD_VARIABLE + ") but no registry host is named "
        + "for them; set " + HOST_VARIABLE + " to the registry they are for, or give --repository with that registry"));
  }

  private Optional<String> variable(String name) {
    return Optional.ofNullable(environment.get(name)).filter(v -> !v.isEmpty());
  }

  private static RegistryCredentials withRole(RegistryCredentials credentials, Optional<String> roleArn) {
    if (roleArn.isEmpty()) {
      return credentials;
    }
    if (credentials instanceof RegistryCredentials.AwsKeys k) {
      return RegistryCredentials.awsKeys(k.accessKeyId(), k.secretAccessKey(), k.sessionToken(), roleArn, k.source());
    }
    if (credentials instanceof RegistryCredentials.AwsDefaultChain c) {
      return RegistryCredentials.awsDefaultChain(c.profile(), roleArn, c.source());
    }
    return credentials;
  }

  private static Optional<String> checkRoleArn(Optional<String> roleArn) throws RegistryCredentialsException {
    if (roleArn.isPresent() && !ROLE_ARN.matcher(roleArn.get()).matches()) {
      throw new RegistryCredentialsException("Invalid role ARN '" + Printable.of(roleArn.get())
          + "': expected arn:aws:iam::<12-digit account>:role/<name>");
    }
    return roleArn;
  }
}
