package io.jenkins.plugins.esperanto.engine.key;

import io.jenkins.plugins.esperanto.engine.api.EsperantoException;

/** A Dockerfile that cannot be read for its {@code FROM} lines; names the file and the line. */
public final class DockerfileException extends EsperantoException {
  private static final long serialVersionUID = 1L;

  private final String file;
  private final int line;

  DockerfileException(String file, int line, String problem, String remedy) {
    super(
        "Tried to read the FROM instructions of "
            + file
            + " but line "
            + line
            + " "
            + problem
            + "; "
            + remedy);
    this.file = file;
    this.line = line;
  }

  /** The file name given for messages. */
  public String getFile() {
    return file;
  }

  /** The 1-based line at fault (the first line of a continued instruction). */
  public int getLine() {
    return line;
  }
}
