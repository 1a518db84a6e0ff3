package io.jenkins.plugins.esperanto.engine.run;

import io.jenkins.plugins.esperanto.engine.api.EsperantoException;
import java.util.Optional;

/** Creating, starting, running in or removing a container failed. */
public class ContainerRunException extends EsperantoException {
  private static final long serialVersionUID = 1L;

  private final String imageReference;
  private final String containerId;

  /** A failure with a one-line message; the image and container may be null when unknown. */
  public ContainerRunException(String message, String imageReference, String containerId) {
    super(message);
    this.imageReference = imageReference;
    this.containerId = containerId;
  }

  /** As above, keeping the Docker error as cause (for debugging; never printed to users). */
  public ContainerRunException(
      String message, String imageReference, String containerId, Throwable cause) {
    super(message, cause);
    this.imageReference = imageReference;
    this.containerId = containerId;
  }

  /** The image the container was (to be) made of, when known. */
  public Optional<String> imageReference() {
    return Optional.ofNullable(imageReference);
  }

  /** The container concerned, when one had been created. */
  public Optional<String> containerId() {
    return Optional.ofNullable(containerId);
  }
}
