package io.jenkins.plugins.esperanto.engine.report;

import java.time.Duration;
import java.util.Locale;
import java.util.OptionalLong;

/** How the reports write sizes and durations for people. */
final class Sizes {
  private Sizes() {}

  /** {@code 12.3 MB}, {@code 850 kB}, {@code 512 B}, or {@code -} when unknown. */
  static String bytes(OptionalLong value) {
    if (value.isEmpty()) {
      return "-";
    }
    long b = value.getAsLong();
    if (b >= 1_000_000) {
      return String.format(Locale.ROOT, "%.1f MB", b / 1e6);
    }
    if (b >= 1_000) {
      return String.format(Locale.ROOT, "%.0f kB", b / 1e3);
    }
    return b + " B";
  }

  /** {@code 3.2 s}. */
  static String seconds(Duration duration) {
    return String.format(Locale.ROOT, "%.1f s", duration.toMillis() / 1000.0);
  }

  /** Seconds with millisecond precision, as JUnit XML wants them. */
  static String junitSeconds(Duration duration) {
    return String.format(Locale.ROOT, "%.3f", duration.toMillis() / 1000.0);
  }
}
