package io.jenkins.plugins.esperanto.engine.api;

import java.util.Locale;
import java.util.Optional;

/** How an image's layers are merged after it is built. Part of the content key. */
public enum SquashMode {
  /** Layers kept as Docker built them. */
  NONE,
  /** Every layer above the {@code FROM} base merged into one; base layers kept byte-identical. */
  OWN,
  /** The whole filesystem in one layer. */
  ALL;

  /** The spelling used in {@code image.yaml} and on the command line. */
  public String yamlName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Parses {@code none}, {@code own} or {@code all}; empty for anything else. */
  public static Optional<SquashMode> parse(String value) {
    for (SquashMode mode : values()) {
      if (mode.yamlName().equals(value)) {
        return Optional.of(mode);
      }
    }
    return Optional.empty();
  }
}
