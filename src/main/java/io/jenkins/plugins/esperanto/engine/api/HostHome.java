package io.jenkins.plugins.esperanto.engine.api;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * The caller's home folder on the host, when there is one. For a uid without a passwd entry the
 * JVM sets {@code user.home} to {@code ?}, a relative path: used as is, {@code ~/.config} would
 * be read from (and {@code ~/} volumes created in) the current folder, often a checkout whose
 * files anyone can write. Only an absolute path counts as a home.
 */
public final class HostHome {
  private HostHome() {}

  /** {@code value} when it is an absolute path; empty for null, blank, relative or {@code ?}. */
  public static Optional<Path> of(String value) {
    return Optional.ofNullable(value).filter(v -> v.startsWith("/")).map(Path::of);
  }

  /** This process's home: the {@code user.home} property, when absolute. */
  public static Optional<Path> ofProcess() {
    return of(System.getProperty("user.home"));
  }

  /** {@code HOME} of {@code environment} when absolute, else {@link #ofProcess()}. */
  public static Optional<Path> ofEnvironment(Map<String, String> environment) {
    return of(environment.get("HOME")).or(HostHome::ofProcess);
  }

  /** {@code $XDG_CONFIG_HOME} when absolute, else {@code .config} under {@link #ofEnvironment}. */
  public static Optional<Path> configBase(Map<String, String> environment) {
    return xdgBase(environment, "XDG_CONFIG_HOME", ".config");
  }

  /** {@code $XDG_CACHE_HOME} when absolute, else {@code .cache} under {@link #ofEnvironment}. */
  public static Optional<Path> cacheBase(Map<String, String> environment) {
    return xdgBase(environment, "XDG_CACHE_HOME", ".cache");
  }

  private static Optional<Path> xdgBase(Map<String, String> environment, String variable, String underHome) {
    return of(environment.get(variable)).or(() -> ofEnvironment(environment).map(home -> home.resolve(underHome)));
  }
}
