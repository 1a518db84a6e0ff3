package io.jenkins.plugins.esperanto.engine.registry;

import java.time.Duration;
import java.util.Objects;

/**
 * How often an unreachable registry is tried again: a bounded number of attempts with
 * exponential backoff (1 s, 2 s, 4 s by default), so that a brief outage is ridden out and a
 * dead registry is reported in seconds, not after minutes of silence.
 */
public final class RetryPolicy {
  private final int attempts;
  private final Duration initialBackoff;

  private RetryPolicy(int attempts, Duration initialBackoff) {
    this.attempts = attempts;
    this.initialBackoff = initialBackoff;
  }

  /** Four attempts, waiting 1, 2 and 4 seconds between them. */
  public static RetryPolicy defaults() {
    return new RetryPolicy(4, Duration.ofSeconds(1));
  }

  /**
   * {@code attempts} attempts, the first wait {@code initialBackoff}, doubling after each.
   *
   * @throws IllegalArgumentException when attempts is below 1 or the backoff negative
   */
  public static RetryPolicy of(int attempts, Duration initialBackoff) {
    if (attempts < 1 || initialBackoff.isNegative()) {
      throw new IllegalArgumentException("a retry policy needs at least 1 attempt and a non-negative backoff");
    }
    return new RetryPolicy(attempts, initialBackoff);
  }

  /** The number of attempts, the first included. */
  public int attempts() {
    return attempts;
  }

  /** How long to wait after failed attempt number {@code attempt} (1-based). */
  public Duration backoffAfter(int attempt) {
    return initialBackoff.multipliedBy(1L << Math.min(attempt - 1, 16));
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof RetryPolicy && ((RetryPolicy) other).attempts == attempts
        && ((RetryPolicy) other).initialBackoff.equals(initialBackoff);
  }

  @Override
  public int hashCode() {
    return Objects.hash(attempts, initialBackoff);
  }

  @Override
  public String toString() {
    return attempts + " attempts, backoff from " + initialBackoff;
  }
}
