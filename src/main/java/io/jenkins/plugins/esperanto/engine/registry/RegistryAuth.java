package io.jenkins.plugins.esperanto.engine.registry;

import com.github.dockerjava.api.model.AuthConfig;
import java.util.Optional;

/**
 * What the registry gets: a username and password (for ECR, user {@code AWS} and the token) or
 * nothing, plus the kind and source of the credentials they came from, for error messages.
 *
 * <p>Handed to the Docker Engine API as the {@code X-Registry-Auth} object of one push or pull,
 * built only at that call ({@link #toAuthConfig()}); never written to {@code ~/.docker/config.json},
 * never on a command line, never in a log. {@code toString} is masked: docker-java's own
 * {@code AuthConfig.toString()} prints the password, so that object never leaves the call site.
 */
public final class RegistryAuth {
  private final String registry;
  private final Optional<String> username;
  private final Optional<Secret> password;
  private final RegistryCredentials origin;

  private RegistryAuth(String registry, Optional<String> username, Optional<Secret> password, RegistryCredentials origin) {
    this.registry = registry;
    this.username = username;
    this.password = password;
    this.origin = origin;
  }

  /** Basic credentials for {@code registry} that came from {@code origin}. */
  public static RegistryAuth basic(String registry, String username, Secret password, RegistryCredentials origin) {
    return new RegistryAuth(registry, Optional.of(username), Optional.of(password), origin);
  }

  /** No credentials. */
  public static RegistryAuth anonymous(String registry) {
    return new RegistryAuth(registry, Optional.empty(), Optional.empty(), RegistryCredentials.anonymous());
  }

  /** The registry host these are for. */
  public String registry() {
    return registry;
  }

  /** True when no credentials are sent. */
  public boolean isAnonymous() {
    return username.isEmpty();
  }

  /** The credentials these were made from (kind and source, for messages). */
  public RegistryCredentials origin() {
    return origin;
  }

  Optional<String> username() {
    return username;
  }

  Optional<Secret> password() {
    return password;
  }

  /** The Engine API auth object; built here, used at once, never logged. */
  AuthConfig toAuthConfig() {
    AuthConfig config = new AuthConfig().withRegistryAddress(registry);
    if (username.isPresent() && password.isPresent()) {
      config = config.withUsername(username.get()).withPassword(password.get().reveal());
    }
    return config;
  }

  /** The registry and the credential kind and source; never a value. */
  @Override
  public String toString() {
    return "auth for " + registry + ": " + origin.describe() + (password.isPresent() ? " (password ****)" : "");
  }
}
