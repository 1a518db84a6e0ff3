package io.jenkins.plugins.esperanto.engine.registry;

/**
 * One failed attempt at a registry operation, as the Docker Engine (or registry) described it.
 * Internal: {@link RegistryAttempts} turns it into a {@link RegistryException}.
 */
final class DaemonFailure extends Exception {
  private static final long serialVersionUID = 1L;

  DaemonFailure(String message, Throwable cause) {
    super(message, cause);
  }

  /** The error text, classified by {@link RegistryErrorKind}. */
  RegistryErrorKind kind() {
    return RegistryErrorKind.of(getMessage());
  }
}
