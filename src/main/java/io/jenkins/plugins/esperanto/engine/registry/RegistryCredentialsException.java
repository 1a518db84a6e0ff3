package io.jenkins.plugins.esperanto.engine.registry;

/**
 * Credentials could not be resolved: an incomplete pair (a username without a password), a
 * config file that others can read, or one that is malformed. Never carries a secret value.
 */
public final class RegistryCredentialsException extends RegistryException {
  private static final long serialVersionUID = 1L;

  /** A one-line message naming the flag, variable, file or key at fault. */
  public RegistryCredentialsException(String message) {
    super(message);
  }
}
