package io.jenkins.plugins.esperanto.engine.run;

import io.jenkins.plugins.esperanto.engine.api.EsperantoException;

/**
 * An {@code image.yaml} asks for more of the host than the {@link RunPolicy} allows. Thrown
 * before any container is created; the message names the file, key and value, and the setting
 * that would allow it.
 */
public final class RunPolicyException extends EsperantoException {
  private static final long serialVersionUID = 1L;

  RunPolicyException(String message) {
    super(message);
  }
}
