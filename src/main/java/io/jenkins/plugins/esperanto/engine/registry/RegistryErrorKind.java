package io.jenkins.plugins.esperanto.engine.registry;

import java.util.List;
import java.util.Locale;

/**
 * What a registry error message from the Docker Engine (or a registry) means. The daemon
 * reports registry failures as text ({@code "unauthorized: authentication required"},
 * {@code "manifest unknown"}, {@code "dial tcp ...: connection refused"}), so the text is
 * classified here, in one place.
 */
enum RegistryErrorKind {
  UNAUTHORIZED(List.of("unauthorized", "authentication required", "no basic auth credentials", "denied",
      "authorization token has expired", "403 forbidden")),
  REPOSITORY_MISSING(List.of("name unknown", "repository does not exist", "does not exist in the registry",
      "repository not found")),
  TAG_MISSING(List.of("manifest unknown", "not found")),
  UNREACHABLE(List.of("connection refused", "dial tcp", "no such host", "i/o timeout", "timeout", "connection reset",
      "broken pipe", "unexpected eof", "502 bad gateway", "503 service unavailable", "504 gateway", "server misbehaving",
      "network is unreachable")),
  OTHER(List.of());

  private final List<String> markers;

  RegistryErrorKind(List<String> markers) {
    this.markers = markers;
  }

  /** The kind of {@code message}; {@link #OTHER} when nothing matches. */
  static RegistryErrorKind of(String message) {
    String text = message == null ? "" : message.toLowerCase(Locale.ROOT);
    for (RegistryErrorKind kind : values()) {
      for (String marker : kind.markers) {
        if (text.contains(marker)) {
          return kind;
        }
      }
    }
    return OTHER;
  }
}
