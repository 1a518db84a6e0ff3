package io.jenkins.plugins.esperanto.engine.registry;

import io.jenkins.plugins.esperanto.engine.api.EsperantoException;

/**
 * Root of every registry failure: bad settings, credentials, ECR tokens, push, pull and
 * lookups. Subclasses carry the context (image reference, registry, credential kind); the
 * message is one line and never contains a secret.
 */
public class RegistryException extends EsperantoException {
  private static final long serialVersionUID = 1L;

  /** A failure with a one-line message. */
  public RegistryException(String message) {
    super(message);
  }

  /** A failure with a one-line message and the cause, kept for debugging only. */
  public RegistryException(String message, Throwable cause) {
    super(message, cause);
  }
}
