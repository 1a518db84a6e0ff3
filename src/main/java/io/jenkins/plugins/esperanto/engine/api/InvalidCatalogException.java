package io.jenkins.plugins.esperanto.engine.api;

import java.nio.file.Path;
import java.util.Optional;

/**
 * The image catalog is wrong: a malformed or invalid {@code image.yaml}, a missing Dockerfile,
 * an unknown image, a cycle between images. The message names the file, the line where known,
 * and the key or value at fault.
 */
public final class InvalidCatalogException extends EsperantoException {
  private static final long serialVersionUID = 1L;

  private final String file;
  private final int line;

  /** A problem at {@code line} (1-based; 0 when unknown) of {@code file}. */
  public InvalidCatalogException(Path file, int line, String problem) {
    super(file + (line > 0 ? ":" + line : "") + ": " + problem);
    this.file = file.toString();
    this.line = line;
  }

  /** A problem with the catalog as a whole, not one file. */
  public InvalidCatalogException(String problem) {
    super(problem);
    this.file = null;
    this.line = 0;
  }

  public Optional<String> getFile() {
    return Optional.ofNullable(file);
  }

  /** 1-based line number, or 0 when the problem is not tied to a line. */
  public int getLine() {
    return line;
  }
}
