package io.jenkins.plugins.esperanto.engine.registry;

import java.util.Optional;

/**
 * Turns credentials into what a registry gets, per image reference: an ECR token when the host
 * is ECR (parsed, or declared with {@link RegistryLocation#withEcr}) and the credentials are
 * AWS ones; the username and password as they are otherwise, to the location's own host only;
 * nothing for anonymous access, and nothing for any other host (a reference, a base image or a
 * token service elsewhere never gets the credentials meant for this registry).
 */
public final class RegistryAuthProvider {
  private final RegistryCredentials credentials;
  private final Optional<String> host;
  private final Optional<EcrRegistry> declaredEcr;
  private final Optional<EcrTokenProvider> ecrTokens;

  private RegistryAuthProvider(RegistryCredentials credentials, Optional<String> host,
      Optional<EcrRegistry> declaredEcr, Optional<EcrTokenProvider> ecrTokens) {
    this.credentials = credentials;
    this.host = host;
    this.declaredEcr = declaredEcr;
    this.ecrTokens = ecrTokens;
  }

  /**
   * Auth for images at {@code location} with {@code credentials}; ECR tokens come from
   * {@code ecrTokens} (needed only when the credentials are AWS ones).
   */
  public static RegistryAuthProvider of(RegistryLocation location, RegistryCredentials credentials,
      Optional<EcrTokenProvider> ecrTokens) {
    Optional<EcrTokenProvider> tokens = ecrTokens;
    if (tokens.isEmpty() && credentials.isAws()) {
      tokens = Optional.of(EcrTokenProvider.builder(credentials).build());
    }
    return new RegistryAuthProvider(credentials, location.host(), location.ecr(), tokens);
  }

  /** The credentials behind this provider (kind and source, for messages). */
  public RegistryCredentials credentials() {
    return credentials;
  }

  /**
   * What to send to the registry of {@code reference}.
   *
   * @throws RegistryException when an ECR token cannot be had
   */
  public RegistryAuth authFor(ImageReference reference) throws RegistryException {
    String host = reference.registry().orElse("");
    Optional<EcrRegistry> ecr = ecrFor(host);
    if (ecr.isPresent()) {
      return ecrTokens.get().authFor(ecr.get());
    }
    if (credentials instanceof RegistryCredentials.UsernamePassword up && this.host.filter(host::equalsIgnoreCase).isPresent()) {
      return RegistryAuth.basic(host, up.username(), up.password(), credentials);
    }
    return RegistryAuth.anonymous(host);
  }

  /** True when a rejected auth for {@code reference} can be renewed (ECR tokens). */
  public boolean canRefresh(ImageReference reference) {
    return ecrFor(reference.registry().orElse("")).isPresent();
  }

  /**
   * A renewed auth for {@code reference}, after the registry rejected the previous one.
   *
   * @throws RegistryException when no new token can be had
   * @throws IllegalStateException when {@link #canRefresh} is false
   */
  public RegistryAuth refresh(ImageReference reference) throws RegistryException {
    EcrRegistry ecr = ecrFor(reference.registry().orElse(""))
        .orElseThrow(() -> new IllegalStateException("only ECR tokens can be refreshed"));
    return ecrTokens.get().refresh(ecr);
  }

  private Optional<EcrRegistry> ecrFor(String host) {
    if (!credentials.isAws() || ecrTokens.isEmpty()) {
      return Optional.empty();
    }
    Optional<EcrRegistry> declared = declaredEcr.filter(e -> e.host().equalsIgnoreCase(host));
    return declared.isPresent() ? declared : EcrRegistry.parseHost(host);
  }

  @Override
  public String toString() {
    return "registry auth with " + credentials.describe();
  }
}
