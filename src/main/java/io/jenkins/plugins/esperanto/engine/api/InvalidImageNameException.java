package io.jenkins.plugins.esperanto.engine.api;

/** An image name that is not {@code [a-z0-9][a-z0-9._-]*} of at most 128 characters. */
public final class InvalidImageNameException extends EsperantoException {
  private static final long serialVersionUID = 1L;

  public InvalidImageNameException(String name) {
    super(
        "Invalid image name '"
            + Printable.of(name)
            + "': expected lower-case letters, digits, '.', '_' or '-', starting with a letter or"
            + " digit, at most 128 characters");
  }
}
