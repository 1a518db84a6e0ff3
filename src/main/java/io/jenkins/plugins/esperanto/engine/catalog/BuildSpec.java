package io.jenkins.plugins.esperanto.engine.catalog;

import io.jenkins.plugins.esperanto.engine.api.SquashMode;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** The {@code build:} section of {@code image.yaml}: what goes into {@code docker build}. */
public final class BuildSpec {
  private final Map<String, String> args;
  private final String target;
  private final Map<String, String> labels;
  private final SquashMode squash;

  private BuildSpec(Map<String, String> args, String target, Map<String, String> labels, SquashMode squash) {
    this.args = Map.copyOf(args);
    this.target = target;
    this.labels = Map.copyOf(labels);
    this.squash = squash;
  }

  static BuildSpec of(Map<String, String> args, Optional<String> target, Map<String, String> labels, SquashMode squash) {
    return new BuildSpec(args, target.orElse(null), labels, squash);
  }

  static BuildSpec defaults() {
    return new BuildSpec(Map.of(), null, Map.of(), SquashMode.NONE);
  }

  /** Build arguments, sorted by name. */
  public Map<String, String> args() {
    return new TreeMap<>(args);
  }

  public Optional<String> target() {
    return Optional.ofNullable(target);
  }

  /** Labels added to the image (never part of the content key). */
  public Map<String, String> labels() {
    return new TreeMap<>(labels);
  }

  public SquashMode squash() {
    return squash;
  }
}
