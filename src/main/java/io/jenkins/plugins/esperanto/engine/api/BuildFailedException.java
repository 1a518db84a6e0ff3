package io.jenkins.plugins.esperanto.engine.api;

import java.util.Optional;

/** {@code docker build} of a catalog image failed; says which image and which step. */
public final class BuildFailedException extends EsperantoException {
  private static final long serialVersionUID = 1L;

  private final String image;
  private final String step;

  public BuildFailedException(String image, Optional<String> step, String reason) {
    super("Tried to build image '" + image + "' but "
        + step.map(s -> "step '" + s + "' failed: ").orElse("the build failed: ") + reason);
    this.image = image;
    this.step = step.orElse(null);
  }

  public String getImage() {
    return image;
  }

  /** The Dockerfile step that failed, as Docker printed it ({@code Step 3/5 : RUN make}). */
  public Optional<String> getStep() {
    return Optional.ofNullable(step);
  }
}
