package io.jenkins.plugins.esperanto.config;

import io.jenkins.plugins.esperanto.engine.api.ImageName;
import io.jenkins.plugins.esperanto.engine.api.SquashMode;
import io.jenkins.plugins.esperanto.engine.registry.InvalidRegistrySettingException;
import io.jenkins.plugins.esperanto.engine.registry.RegistryLocation;
import java.io.Serializable;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The settings one step uses: the global configuration with the step's own values put over it.
 * Also the single place that checks each field, for the steps (one-line errors) and for the form
 * checks of the configuration page.
 */
public final class Settings implements Serializable {
  private static final long serialVersionUID = 1L;
  /** The catalog folder when none is configured. */
  public static final String DEFAULT_CATALOG = "images";

  private static final Pattern REGION = Pattern.compile("[a-z]{2}(-[a-z]+)+-[0-9]+");

  private final String repository;
  private final String region;
  private final String credentialsId;
  private final String squash;
  private final String catalog;
  /** Why the configured credentials were not carried over to the step's repository; empty when they were. */
  private final String credentialsProblem;

  private Settings(String repository, String region, String credentialsId, String squash, String catalog,
      String credentialsProblem) {
    this.repository = trim(repository);
    this.region = trim(region);
    this.credentialsId = trim(credentialsId);
    this.squash = trim(squash);
    this.catalog = trim(catalog).isEmpty() ? DEFAULT_CATALOG : trim(catalog);
    this.credentialsProblem = credentialsProblem;
  }

  /** Settings from raw values; null or blank means "not set". */
  public static Settings of(String repository, String region, String credentialsId, String squash, String catalog) {
    return new Settings(repository, region, credentialsId, squash, catalog, "");
  }

  /**
   * These settings with each value that the step sets (non-blank) put over them. The configured
   * credentials follow a step's repository only to the configured registry host: for a
   * repository on another host the step must give its own credentialsId, else {@link #problem()}
   * says so and no credentials are used; a repository without a host (local) gets none, silently.
   */
  public Settings overriddenBy(String repository, String credentialsId, String squash, String catalog) {
    String merged = pick(repository, this.repository);
    String credentials = pick(credentialsId, this.credentialsId);
    String problem = "";
    Optional<String> mergedHost = host(merged);
    if (trim(credentialsId).isEmpty() && !this.credentialsId.isEmpty() && !mergedHost.equals(host(this.repository))) {
      credentials = "";
      // A repository without a host stays local: it needs no credential, so dropping them is no problem.
      if (mergedHost.isPresent()) {
        problem = "credentialsId: repository '" + merged + "' is on registry " + mergedHost.get() + ", not on "
            + host(this.repository).orElse("the configured registry") + ", the registry that credentials '"
            + this.credentialsId + "' are for; give the step its own credentialsId for " + mergedHost.get();
      }
    }
    return new Settings(merged, region, credentials, pick(squash, this.squash), pick(catalog, this.catalog), problem);
  }

  /** Checks every field; the message of the first problem, or empty. */
  public Optional<String> problem() {
    return checkRepository(repository).or(() -> checkRegion(region)).or(() -> checkSquash(squash))
        .or(() -> checkCatalog(catalog)).or(() -> Optional.of(credentialsProblem).filter(p -> !p.isEmpty()));
  }

  /** The registry host of a repository, empty when it names none or is malformed (reported by checkRepository). */
  private static Optional<String> host(String repository) {
    if (repository.isEmpty()) {
      return Optional.empty();
    }
    try {
      return RegistryLocation.parse(repository).host().map(h -> h.toLowerCase(Locale.ROOT));
    } catch (InvalidRegistrySettingException e) {
      return Optional.empty();
    }
  }

  public Optional<String> repository() {
    return Optional.of(repository).filter(s -> !s.isEmpty());
  }

  public Optional<String> region() {
    return Optional.of(region).filter(s -> !s.isEmpty());
  }

  public Optional<String> credentialsId() {
    return Optional.of(credentialsId).filter(s -> !s.isEmpty());
  }

  /** The squash mode forced on every image, or empty to use each image's own setting. */
  public Optional<SquashMode> squash() {
    return SquashMode.parse(squash);
  }

  public String catalog() {
    return catalog;
  }

  /** Checks an image name as given to a step. */
  public static Optional<String> checkName(String name) {
    if (ImageName.isValid(name)) {
      return Optional.empty();
    }
    return Optional.of("name: '" + name + "' is not an image name of the catalog; expected lower-case letters, "
        + "digits, '.', '_' or '-', starting with a letter or digit (the folder name under images/)");
  }

  /**
   * Checks a registry repository such as {@code 123456789012.dkr.ecr.eu-west-1.amazonaws.com/team},
   * with the engine's own parser, so that the form accepts exactly what a build will.
   */
  public static Optional<String> checkRepository(String value) {
    String v = trim(value);
    if (v.isEmpty()) {
      return Optional.empty();
    }
    try {
      RegistryLocation.parse(v);
      return Optional.empty();
    } catch (InvalidRegistrySettingException e) {
      return Optional.of("repository: " + e.getMessage());
    }
  }

  /** Checks an AWS region such as {@code eu-west-1}. */
  public static Optional<String> checkRegion(String value) {
    String v = trim(value);
    if (v.isEmpty() || REGION.matcher(v).matches()) {
      return Optional.empty();
    }
    return Optional.of("region: '" + v + "' is not an AWS region; expected e.g. eu-west-1");
  }

  /** Checks a squash mode: blank (each image's own), none, own or all. */
  public static Optional<String> checkSquash(String value) {
    String v = trim(value);
    if (v.isEmpty() || SquashMode.parse(v).isPresent()) {
      return Optional.empty();
    }
    return Optional.of("squash: '" + v + "' is not a squash mode; expected none, own or all (or leave it empty "
        + "to use each image's image.yaml)");
  }

  /** Checks a catalog folder: relative to the workspace and inside it. */
  public static Optional<String> checkCatalog(String value) {
    String v = trim(value);
    boolean escapes = v.startsWith("/") || v.startsWith("\\") || v.equals("..") || v.startsWith("../")
        || v.contains("/../") || v.endsWith("/..") || v.contains("\\");
    if (v.isEmpty() || !escapes) {
      return Optional.empty();
    }
    return Optional.of("catalog: '" + v + "' must be a folder inside the workspace, e.g. images");
  }

  private static String pick(String override, String base) {
    return trim(override).isEmpty() ? base : trim(override);
  }

  private static String trim(String s) {
    return s == null ? "" : s.trim();
  }

  @Override
  public String toString() {
    return "Settings[repository=" + repository + ", region=" + region + ", credentialsId=" + credentialsId
        + ", squash=" + squash + ", catalog=" + catalog + "]";
  }
}
