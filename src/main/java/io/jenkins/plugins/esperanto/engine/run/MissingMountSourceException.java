package io.jenkins.plugins.esperanto.engine.run;

/** A folder or file to mount (or a device to pass through) does not exist on the host. */
public final class MissingMountSourceException extends ContainerRunException {
  private static final long serialVersionUID = 1L;

  private final String path;

  /** {@code what} is "the folder" or "the device"; {@code path} the missing host path. */
  public MissingMountSourceException(String what, String path, String imageReference) {
    super(
        "Tried to mount "
            + what
            + " '"
            + path
            + "' into a container of '"
            + imageReference
            + "' but it does not exist; create it or fix the path",
        imageReference,
        null);
    this.path = path;
  }

  /** The host path that does not exist. */
  public String path() {
    return path;
  }
}
