package io.jenkins.plugins.esperanto.engine.rebuild;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/** What one per-image operation of a rebuild achieved: the action, the image and its sizes. */
public final class ImageOutcome {
  private final RebuildAction action;
  private final String reference;
  private final String imageId;
  private final OptionalLong sizeBeforeSquash;
  private final OptionalLong size;
  private final OptionalLong pushBytes;
  private final Optional<String> note;

  private ImageOutcome(RebuildAction action, String reference, String imageId, OptionalLong sizeBeforeSquash,
      OptionalLong size, OptionalLong pushBytes, Optional<String> note) {
    if (action.isProblem()) {
      throw new IllegalArgumentException("an outcome is a success; failures are exceptions: " + action);
    }
    this.action = action;
    this.reference = Objects.requireNonNull(reference);
    this.imageId = Objects.requireNonNull(imageId);
    this.sizeBeforeSquash = sizeBeforeSquash;
    this.size = size;
    this.pushBytes = pushBytes;
    this.note = note;
  }

  /** An image that is available: up to date, pulled or built. */
  public static ImageOutcome of(RebuildAction action, String reference, String imageId, long sizeBeforeSquash,
      long size) {
    return new ImageOutcome(action, reference, imageId, OptionalLong.of(sizeBeforeSquash), OptionalLong.of(size),
        OptionalLong.empty(), Optional.empty());
  }

  /** The same outcome, having pushed {@code bytes} to the registry. */
  public ImageOutcome withPushBytes(long bytes) {
    return new ImageOutcome(action, reference, imageId, sizeBeforeSquash, size, OptionalLong.of(bytes), note);
  }

  /** The same outcome, with a remark for the report (for example why nothing was pushed). */
  public ImageOutcome withNote(String text) {
    return new ImageOutcome(action, reference, imageId, sizeBeforeSquash, size, pushBytes, Optional.of(text));
  }

  public RebuildAction action() {
    return action;
  }

  /** The image's key reference, {@code <repository>/<name>:<key tag>}. */
  public String reference() {
    return reference;
  }

  /** The image ID the reference points to. */
  public String imageId() {
    return imageId;
  }

  /** Size of the image as built, before squashing (equal to {@link #size()} when not squashed). */
  public OptionalLong sizeBeforeSquash() {
    return sizeBeforeSquash;
  }

  /** Size of the image that carries the key. */
  public OptionalLong size() {
    return size;
  }

  /** Bytes pushed to the registry; empty when nothing was pushed. */
  public OptionalLong pushBytes() {
    return pushBytes;
  }

  /** A remark for the report. */
  public Optional<String> note() {
    return note;
  }
}
