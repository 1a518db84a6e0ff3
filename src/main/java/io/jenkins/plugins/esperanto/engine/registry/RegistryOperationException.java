package io.jenkins.plugins.esperanto.engine.registry;

/**
 * A push, pull or lookup of one image failed. Subclasses say why; this class itself is used
 * for failures that fit no subclass (the Docker Engine's own message is passed on).
 */
public class RegistryOperationException extends RegistryException {
  private static final long serialVersionUID = 1L;

  private final String operation;
  private final String reference;

  /**
   * @param operation "push", "pull" or "look up"
   * @param reference the image reference
   * @param message the one-line message
   */
  public RegistryOperationException(String operation, ImageReference reference, String message, Throwable cause) {
    super(message, cause);
    this.operation = operation;
    this.reference = reference.toString();
  }

  /** "push", "pull" or "look up". */
  public String getOperation() {
    return operation;
  }

  /** The image reference, such as {@code 127.0.0.1:5000/team/base:3f2a}. */
  public String getReference() {
    return reference;
  }
}
