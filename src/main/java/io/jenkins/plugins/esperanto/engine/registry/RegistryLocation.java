package io.jenkins.plugins.esperanto.engine.registry;

import java.util.Objects;
import java.util.Optional;

/**
 * Where images are pushed to and pulled from: a repository prefix such as
 * {@code 123456789012.dkr.ecr.eu-north-1.amazonaws.com/esperanto},
 * {@code registry.example.com:5000/team}, {@code 127.0.0.1:5000/x}, or a bare {@code esperanto}
 * (local images only, no registry).
 *
 * <p>For an ECR host the account and region are parsed from the host; {@link #withRegion}
 * overrides the region and {@link #withEcr} declares any host to be ECR (a proxy, a VPC endpoint
 * alias, or a local registry in tests).
 */
public final class RegistryLocation {
  private static final String EXPECTED =
      "[host[:port]/]path such as 123456789012.dkr.ecr.eu-north-1.amazonaws.com/esperanto,"
          + " registry.example.com:5000/team or esperanto";

  private final Optional<String> host;
  private final String prefix;
  private final Optional<EcrRegistry> ecr;

  private RegistryLocation(Optional<String> host, String prefix, Optional<EcrRegistry> ecr) {
    this.host = host;
    this.prefix = prefix;
    this.ecr = ecr;
  }

  /**
   * Parses a repository prefix.
   *
   * @throws InvalidRegistrySettingException when it is empty or not a valid reference prefix
   */
  public static RegistryLocation parse(String value) throws InvalidRegistrySettingException {
    if (value == null || value.isBlank()) {
      throw new InvalidRegistrySettingException("registry", value, EXPECTED);
    }
    String trimmed = value.endsWith("/") ? value.substring(0, value.length() - 1) : value;
    int slash = trimmed.indexOf('/');
    Optional<String> host = Optional.empty();
    String prefix = trimmed;
    if (slash < 0 && ImageReference.looksLikeHost(trimmed)) {
      host = Optional.of(trimmed);
      prefix = "";
    } else if (slash > 0 && ImageReference.looksLikeHost(trimmed.substring(0, slash))) {
      host = Optional.of(trimmed.substring(0, slash));
      prefix = trimmed.substring(slash + 1);
    }
    try {
      // Validates host and path with the reference grammar, using a placeholder name and tag.
      ImageReference.of(host, prefix.isEmpty() ? "x" : prefix + "/x", "t");
    } catch (InvalidRegistrySettingException e) {
      throw new InvalidRegistrySettingException("registry", value, EXPECTED);
    }
    return new RegistryLocation(host, prefix, host.flatMap(EcrRegistry::parseHost));
  }

  /** The location of the registry that holds {@code reference} (its host, no path prefix). */
  public static RegistryLocation of(ImageReference reference) {
    return new RegistryLocation(
        reference.registry(), "", reference.registry().flatMap(EcrRegistry::parseHost));
  }

  /**
   * The same location with the ECR API called in {@code region}.
   *
   * @throws InvalidRegistrySettingException when the region is malformed or this is not ECR
   */
  public RegistryLocation withRegion(String region) throws InvalidRegistrySettingException {
    if (ecr.isEmpty()) {
      throw new InvalidRegistrySettingException(
          "region for registry " + host.orElse("(none)"), region,
          "no region: it applies to ECR registries only (declare one with an ECR account)");
    }
    return new RegistryLocation(host, prefix, Optional.of(ecr.get().withRegion(region)));
  }

  /**
   * The same location, treated as an ECR registry of {@code account} in {@code region}.
   *
   * @throws InvalidRegistrySettingException when there is no host, or account or region is malformed
   */
  public RegistryLocation withEcr(String account, String region) throws InvalidRegistrySettingException {
    if (host.isEmpty()) {
      throw new InvalidRegistrySettingException("registry", prefix, "a registry host to treat as ECR");
    }
    return new RegistryLocation(host, prefix, Optional.of(EcrRegistry.of(host.get(), account, region)));
  }

  /** The registry host with port; empty for local-only images. */
  public Optional<String> host() {
    return host;
  }

  /** The repository path prefix inside the registry, possibly empty. */
  public String prefix() {
    return prefix;
  }

  /** The ECR registry, when the host is (or was declared) ECR. */
  public Optional<EcrRegistry> ecr() {
    return ecr;
  }

  /** True when images go to and come from a registry. */
  public boolean hasRegistry() {
    return host.isPresent();
  }

  /**
   * The reference of image {@code name} with {@code tag} at this location.
   *
   * @throws InvalidRegistrySettingException when name or tag is not valid in a reference
   */
  public ImageReference referenceFor(String name, String tag) throws InvalidRegistrySettingException {
    return ImageReference.of(host, prefix.isEmpty() ? name : prefix + "/" + name, tag);
  }

  @Override
  public boolean equals(Object other) {
    if (!(other instanceof RegistryLocation)) {
      return false;
    }
    RegistryLocation that = (RegistryLocation) other;
    return host.equals(that.host) && prefix.equals(that.prefix) && ecr.equals(that.ecr);
  }

  @Override
  public int hashCode() {
    return Objects.hash(host, prefix, ecr);
  }

  @Override
  public String toString() {
    String path = host.map(h -> prefix.isEmpty() ? h : h + "/" + prefix).orElse(prefix);
    return ecr.map(e -> path + " (ECR account " + e.account() + ", region " + e.region() + ")").orElse(path);
  }
}
