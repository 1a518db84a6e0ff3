package io.jenkins.plugins.esperanto.agent;

import com.github.dockerjava.api.DockerClient;
import io.jenkins.plugins.esperanto.config.Settings;
import io.jenkins.plugins.esperanto.credentials.ResolvedCredentials;
import io.jenkins.plugins.esperanto.engine.registry.EcrTokenProvider;
import io.jenkins.plugins.esperanto.engine.registry.ImageReference;
import io.jenkins.plugins.esperanto.engine.registry.ProgressOutput;
import io.jenkins.plugins.esperanto.engine.registry.RegistryAuthProvider;
import io.jenkins.plugins.esperanto.engine.registry.RegistryClient;
import io.jenkins.plugins.esperanto.engine.registry.RegistryCredentials;
import io.jenkins.plugins.esperanto.engine.registry.RegistryException;
import io.jenkins.plugins.esperanto.engine.registry.RegistryLocation;
import io.jenkins.plugins.esperanto.engine.registry.Secret;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Agent side: the engine's registry client for the configured repository, with the build's
 * credentials handed to the engine in memory (never a file, an argument or a variable).
 */
final class RegistryAccess {
  private RegistryAccess() {}

  /** The registry location of {@code settings}' repository, in its region when one is set. */
  static RegistryLocation location(Settings settings) throws RegistryException {
    RegistryLocation location = RegistryLocation.parse(settings.repository().orElseThrow());
    if (settings.region().isPresent() && location.ecr().isPresent()) {
      location = location.withRegion(settings.region().get());
    }
    return location;
  }

  /**
   * The engine credentials for {@code credentials}. Without Jenkins credentials, an ECR
   * registry uses the agent's AWS default chain (instance profile, environment); others are anonymous.
   */
  static RegistryCredentials toEngine(ResolvedCredentials credentials, RegistryLocation location) {
    String source = "Jenkins credentials '" + credentials.credentialsId() + "'";
    switch (credentials.kind()) {
      case AWS_KEYS:
        return RegistryCredentials.awsKeys(credentials.principal(), Secret.of(plain(credentials.secret())),
            credentials.sessionToken().map(s -> Secret.of(s.getPlainText())), Optional.empty(), source);
      case USERNAME_PASSWORD:
        return RegistryCredentials.usernamePassword(credentials.principal(), Secret.of(plain(credentials.secret())),
            source);
      default:
        return location.ecr().isPresent()
            ? RegistryCredentials.awsDefaultChain(Optional.empty(), Optional.empty(), "the agent's AWS default credentials")
            : RegistryCredentials.anonymous();
    }
  }

  /** A registry client for {@code settings}' repository whose progress goes to {@code log}. */
  static RegistryClient client(DockerClient docker, Settings settings, ResolvedCredentials credentials,
      Consumer<String> log) throws RegistryException {
    return client(docker, location(settings), credentials, log);
  }

  /**
   * A registry client for the registry of {@code reference}. The build's credentials go only to
   * the configured registry's host; any other registry is used without them.
   */
  static RegistryClient clientFor(DockerClient docker, ImageReference reference, Settings settings,
      ResolvedCredentials credentials, Consumer<String> log) throws RegistryException {
    if (settings.repository().isPresent()) {
      RegistryLocation configured = location(settings);
      if (configured.host().equals(reference.registry())) {
        return client(docker, configured, credentials, log);
      }
    }
    return client(docker, RegistryLocation.of(reference), ResolvedCredentials.none(), log);
  }

  private static RegistryClient client(DockerClient docker, RegistryLocation location, ResolvedCredentials credentials,
      Consumer<String> log) throws RegistryException {
    RegistryCredentials engineCredentials = toEngine(credentials, location);
    Optional<EcrTokenProvider> tokens = engineCredentials.isAws()
        ? Optional.of(EcrTokenProvider.builder(engineCredentials).notices(log::accept).build())
        : Optional.empty();
    return RegistryClient.builder(docker, RegistryAuthProvider.of(location, engineCredentials, tokens))
        .progress(ProgressOutput.lines(log, Duration.ofSeconds(10))).build();
  }

  private static String plain(Optional<hudson.util.Secret> secret) {
    return secret.map(hudson.util.Secret::getPlainText).orElse("");
  }
}
