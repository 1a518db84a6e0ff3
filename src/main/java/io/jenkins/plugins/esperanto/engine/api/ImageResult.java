package io.jenkins.plugins.esperanto.engine.api;

import java.io.Serializable;
import java.time.Duration;
import java.util.Objects;

/** The outcome for one image: where it is, what identifies it, and what was done. */
public final class ImageResult implements Serializable {
  private static final long serialVersionUID = 1L;

  private final String name;
  private final String key;
  private final String reference;
  private final String imageId;
  private final ImageAction action;
  private final long sizeBytes;
  private final long millis;

  private ImageResult(String name, String key, String reference, String imageId, ImageAction action, long sizeBytes,
      long millis) {
    this.name = Objects.requireNonNull(name);
    this.key = Objects.requireNonNull(key);
    this.reference = Objects.requireNonNull(reference);
    this.imageId = Objects.requireNonNull(imageId);
    this.action = Objects.requireNonNull(action);
    this.sizeBytes = sizeBytes;
    this.millis = millis;
  }

  public static ImageResult of(String name, String key, String reference, String imageId, ImageAction action,
      long sizeBytes, Duration duration) {
    return new ImageResult(name, key, reference, imageId, action, sizeBytes, duration.toMillis());
  }

  public String name() {
    return name;
  }

  /** The full content key (64 hex). */
  public String key() {
    return key;
  }

  /** {@code <repository>/<name>:<key tag>}. */
  public String reference() {
    return reference;
  }

  /** The image ID ({@code sha256:...}) the reference points to. */
  public String imageId() {
    return imageId;
  }

  public ImageAction action() {
    return action;
  }

  public long sizeBytes() {
    return sizeBytes;
  }

  public Duration duration() {
    return Duration.ofMillis(millis);
  }

  @Override
  public String toString() {
    return name + " " + action + " " + reference;
  }
}
