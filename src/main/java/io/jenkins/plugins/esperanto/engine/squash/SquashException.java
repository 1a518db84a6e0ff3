package io.jenkins.plugins.esperanto.engine.squash;

import io.jenkins.plugins.esperanto.engine.api.EsperantoException;

/** A squash that could not be done; the original image and its tags are unchanged. */
public class SquashException extends EsperantoException {
  private static final long serialVersionUID = 1L;

  private final String image;

  /**
   * @param image the image that was to be squashed, as the caller named it
   * @param message one line: what was tried, why it failed, what to do
   */
  public SquashException(String image, String message) {
    super(message);
    this.image = image;
  }

  /** The same, keeping the underlying failure for debugging. */
  public SquashException(String image, String message, Throwable cause) {
    super(message, cause);
    this.image = image;
  }

  /** The image that was to be squashed. */
  public String image() {
    return image;
  }
}
