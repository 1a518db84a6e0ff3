package io.jenkins.plugins.esperanto.engine.api;

/**
 * Root of every failure the engine reports to its callers (CLI, Jenkins steps).
 *
 * <p>The message is one line, meant for a human: it names the file, field or value at fault
 * and says what was expected or what to do. Callers print {@link #getMessage()} and nothing
 * else; the cause is kept for debugging only.
 */
public class EsperantoException extends Exception {
  private static final long serialVersionUID = 1L;

  public EsperantoException(String message) {
    super(message);
  }

  public EsperantoException(String message, Throwable cause) {
    super(message, cause);
  }
}
