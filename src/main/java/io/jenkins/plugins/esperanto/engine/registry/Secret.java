package io.jenkins.plugins.esperanto.engine.registry;

import java.util.Objects;

/**
 * A password, secret key, session token or registry token. Its {@code toString} is a mask, so
 * that a secret printed by accident, in a log line, an exception message or a record's
 * {@code toString}, shows nothing. Only this package reads the value, at the call that needs it.
 */
public final class Secret {
  private static final String MASK = "****";

  private final String value;

  private Secret(String value) {
    this.value = value;
  }

  /**
   * Wraps a secret value.
   *
   * @throws IllegalArgumentException when the value is null or empty
   */
  public static Secret of(String value) {
    if (value == null || value.isEmpty()) {
      throw new IllegalArgumentException("a secret must not be empty");
    }
    return new Secret(value);
  }

  /** The value, for the one call that must send it (Engine API auth header, SDK, HTTP). */
  String reveal() {
    return value;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Secret && ((Secret) other).value.equals(value);
  }

  @Override
  public int hashCode() {
    return Objects.hash(value);
  }

  /** Always a mask, never the value. */
  @Override
  public String toString() {
    return MASK;
  }
}
