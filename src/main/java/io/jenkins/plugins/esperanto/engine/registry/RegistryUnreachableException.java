package io.jenkins.plugins.esperanto.engine.registry;

/** The registry did not answer, after the configured number of attempts. */
public final class RegistryUnreachableException extends RegistryOperationException {
  private static final long serialVersionUID = 1L;

  private final int attempts;

  RegistryUnreachableException(String operation, ImageReference reference, int attempts, String lastError, Throwable cause) {
    super(operation, reference, "Tried to " + operation + " " + reference + " but the registry "
        + reference.registry().orElse("") + " was unreachable after " + attempts + " attempt" + (attempts == 1 ? "" : "s")
        + " (" + lastError + "); check that it is running and reachable from the Docker Engine", cause);
    this.attempts = attempts;
  }

  /** How many attempts were made. */
  public int getAttempts() {
    return attempts;
  }
}
