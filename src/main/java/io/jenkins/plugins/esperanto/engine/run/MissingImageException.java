package io.jenkins.plugins.esperanto.engine.run;

/** The image to run is not in the local Docker Engine. */
public final class MissingImageException extends ContainerRunException {
  private static final long serialVersionUID = 1L;

  /** For {@code imageReference}, which the local engine does not have. */
  public MissingImageException(String imageReference, Throwable cause) {
    super(
        "Tried to create a container of image '"
            + imageReference
            + "' but the Docker Engine has no such image; build or pull it first"
            + " (e.g. 'esperanto build <name>')",
        imageReference,
        null,
        cause);
  }
}
