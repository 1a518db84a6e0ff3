package io.jenkins.plugins.esperanto.engine.registry;

import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A tagged image reference: an optional registry host, a repository path and a tag, such as
 * {@code 127.0.0.1:5000/team/base:3f2a} or {@code esperanto/base:3f2a} (local only).
 *
 * <p>Validated against Docker's reference grammar so that no value can inject anything into an
 * Engine API path or query. Digests ({@code @sha256:...}) are not accepted: the engine always
 * pushes and pulls tags (content keys).
 */
public final class ImageReference {
  private static final Pattern HOST =
      Pattern.compile("(?:[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?(?:\\.[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?)*|\\[[0-9a-fA-F:]+\\])(?::[0-9]{1,5})?");
  private static final Pattern PATH_COMPONENT = Pattern.compile("[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*");
  private static final Pattern TAG = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}");
  private static final String EXPECTED =
      "[host[:port]/]path/name:tag with lower-case path components and a tag of letters, digits, '_', '.', '-'";

  private final Optional<String> registry;
  private final String repository;
  private final String tag;

  private ImageReference(Optional<String> registry, String repository, String tag) {
    this.registry = registry;
    this.repository = repository;
    this.tag = tag;
  }

  /**
   * Parses {@code [host[:port]/]path:tag}. The first component is a host when it contains a
   * '.' or ':' or is {@code localhost}, as Docker decides.
   *
   * @throws InvalidRegistrySettingException when the reference has no tag or is malformed
   */
  public static ImageReference parse(String value) throws InvalidRegistrySettingException {
    if (value == null || value.length() > 512 || value.contains("@")) {
      throw new InvalidRegistrySettingException("image reference", value, EXPECTED);
    }
    int slash = value.lastIndexOf('/');
    int colon = value.lastIndexOf(':');
    if (colon <= slash) {
      throw new InvalidRegistrySettingException("image reference", value, EXPECTED + " (the tag is missing)");
    }
    String name = value.substring(0, colon);
    String tag = value.substring(colon + 1);
    Optional<String> registry = Optional.empty();
    String repository = name;
    int first = name.indexOf('/');
    if (first > 0 && looksLikeHost(name.substring(0, first))) {
      registry = Optional.of(name.substring(0, first));
      repository = name.substring(first + 1);
    }
    return of(registry, repository, tag);
  }

  /**
   * Builds a reference from its parts.
   *
   * @throws InvalidRegistrySettingException when a part is malformed
   */
  public static ImageReference of(Optional<String> registry, String repository, String tag)
      throws InvalidRegistrySettingException {
    String shown = registry.map(r -> r + "/").orElse("") + repository + ":" + tag;
    if (registry.isPresent() && !HOST.matcher(registry.get()).matches()) {
      throw new InvalidRegistrySettingException("image reference", shown, EXPECTED);
    }
    if (repository == null || repository.isEmpty() || repository.length() > 255 || tag == null
        || !TAG.matcher(tag).matches()) {
      throw new InvalidRegistrySettingException("image reference", shown, EXPECTED);
    }
    for (String component : repository.split("/", -1)) {
      if (!PATH_COMPONENT.matcher(component).matches()) {
        throw new InvalidRegistrySettingException("image reference", shown, EXPECTED);
      }
    }
    return new ImageReference(registry, repository, tag);
  }

  static boolean looksLikeHost(String component) {
    return component.contains(".") || component.contains(":") || component.equals("localhost");
  }

  /**
   * This reference, checked to name a registry host, for {@code purpose} ("push", "pull", "look up").
   *
   * @throws InvalidRegistrySettingException when it has no registry host
   */
  ImageReference requireRegistry(String purpose) throws InvalidRegistrySettingException {
    if (registry.isEmpty()) {
      throw new InvalidRegistrySettingException("image reference to " + purpose, toString(),
          "a reference with a registry host, such as 127.0.0.1:5000/team/base:tag");
    }
    return this;
  }

  /** The registry host with its port, such as {@code 127.0.0.1:5000}; empty for a local-only image. */
  public Optional<String> registry() {
    return registry;
  }

  /** The repository path inside the registry, such as {@code team/base}. */
  public String repository() {
    return repository;
  }

  /** The tag, such as a content key. */
  public String tag() {
    return tag;
  }

  /** The name without the tag, as Docker's push and pull endpoints take it: {@code host/path}. */
  public String repositoryWithRegistry() {
    return registry.map(r -> r + "/").orElse("") + repository;
  }

  /** The same repository with another tag. */
  public ImageReference withTag(String newTag) throws InvalidRegistrySettingException {
    return of(registry, repository, newTag);
  }

  @Override
  public boolean equals(Object other) {
    if (!(other instanceof ImageReference)) {
      return false;
    }
    ImageReference that = (ImageReference) other;
    return registry.equals(that.registry) && repository.equals(that.repository) && tag.equals(that.tag);
  }

  @Override
  public int hashCode() {
    return Objects.hash(registry, repository, tag);
  }

  /** The reference as Docker spells it: {@code [host/]path:tag}. */
  @Override
  public String toString() {
    return repositoryWithRegistry() + ":" + tag;
  }
}
