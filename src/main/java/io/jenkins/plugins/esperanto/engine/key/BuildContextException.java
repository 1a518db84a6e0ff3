package io.jenkins.plugins.esperanto.engine.key;

import io.jenkins.plugins.esperanto.engine.api.EsperantoException;
import java.nio.file.Path;

/**
 * A build context could not be read or archived: a missing folder or Dockerfile, an unreadable
 * file, a socket or device, a bad {@code .dockerignore} line. Names the path at fault.
 */
public final class BuildContextException extends EsperantoException {
  private static final long serialVersionUID = 1L;

  private final String path;

  BuildContextException(Path path, String message) {
    super(message);
    this.path = path.toString();
  }

  BuildContextException(Path path, String message, Throwable cause) {
    super(message, cause);
    this.path = path.toString();
  }

  /** The file or folder at fault. */
  public String getPath() {
    return path;
  }
}
