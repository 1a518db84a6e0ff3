package io.jenkins.plugins.esperanto.engine.rebuild;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/** One line of a rebuild report: an image, what happened to it, its sizes and how long it took. */
public final class RebuildEntry {
  private final String name;
  private final String key;
  private final RebuildAction action;
  private final Optional<String> reference;
  private final OptionalLong sizeBeforeSquash;
  private final OptionalLong size;
  private final OptionalLong pushBytes;
  private final Duration duration;
  private final Optional<String> message;

  private RebuildEntry(String name, String key, RebuildAction action, Optional<String> reference,
      OptionalLong sizeBeforeSquash, OptionalLong size, OptionalLong pushBytes, Duration duration,
      Optional<String> message) {
    this.name = Objects.requireNonNull(name);
    this.key = Objects.requireNonNull(key);
    this.action = Objects.requireNonNull(action);
    this.reference = reference;
    this.sizeBeforeSquash = sizeBeforeSquash;
    this.size = size;
    this.pushBytes = pushBytes;
    this.duration = Objects.requireNonNull(duration);
    this.message = message;
  }

  /** An image that is available for its key, after {@code duration} of work. */
  public static RebuildEntry of(PlannedImage image, ImageOutcome outcome, Duration duration) {
    return new RebuildEntry(image.name().value(), image.key().value(), outcome.action(),
        Optional.of(outcome.reference()), outcome.sizeBeforeSquash(), outcome.size(), outcome.pushBytes(), duration,
        outcome.note());
  }

  /** An image that needed no work at all. */
  public static RebuildEntry upToDate(PlannedImage image) {
    return new RebuildEntry(image.name().value(), image.key().value(), RebuildAction.UP_TO_DATE, Optional.empty(),
        OptionalLong.empty(), OptionalLong.empty(), OptionalLong.empty(), Duration.ZERO, Optional.empty());
  }

  /** An image whose build failed with {@code message}. */
  public static RebuildEntry failed(PlannedImage image, String message, Duration duration) {
    return new RebuildEntry(image.name().value(), image.key().value(), RebuildAction.FAILED, Optional.empty(),
        OptionalLong.empty(), OptionalLong.empty(), OptionalLong.empty(), duration, Optional.of(message));
  }

  /** An image not attempted, for the reason in {@code message}. */
  public static RebuildEntry skipped(PlannedImage image, String message) {
    return new RebuildEntry(image.name().value(), image.key().value(), RebuildAction.SKIPPED, Optional.empty(),
        OptionalLong.empty(), OptionalLong.empty(), OptionalLong.empty(), Duration.ZERO, Optional.of(message));
  }

  /** For reading a report back: every field as written. */
  public static RebuildEntry restore(String name, String key, RebuildAction action, Optional<String> reference,
      OptionalLong sizeBeforeSquash, OptionalLong size, OptionalLong pushBytes, Duration duration,
      Optional<String> message) {
    return new RebuildEntry(name, key, action, reference, sizeBeforeSquash, size, pushBytes, duration, message);
  }

  /** The catalog image name. */
  public String name() {
    return name;
  }

  /** The full content key (64 hex). */
  public String key() {
    return key;
  }

  /** The first 32 hex digits of the key: the image tag. */
  public String keyTag() {
    return key.substring(0, Math.min(32, key.length()));
  }

  public RebuildAction action() {
    return action;
  }

  /** The image's key reference, when it is available. */
  public Optional<String> reference() {
    return reference;
  }

  /** Size as built, before squashing; empty when unknown (nothing was done). */
  public OptionalLong sizeBeforeSquash() {
    return sizeBeforeSquash;
  }

  /** Size of the image carrying the key; empty when unknown. */
  public OptionalLong size() {
    return size;
  }

  /** Bytes sent to the registry; empty when nothing was pushed. */
  public OptionalLong pushBytes() {
    return pushBytes;
  }

  public Duration duration() {
    return duration;
  }

  /** Why it failed or was skipped, or a remark. */
  public Optional<String> message() {
    return message;
  }

  @Override
  public String toString() {
    return name + " " + action.label() + message.map(m -> " (" + m + ")").orElse("");
  }
}
