package io.jenkins.plugins.esperanto.engine.prune;

import java.time.Instant;
import java.util.Objects;

/** One content-key tag of one image, and what pruning does with it. */
public final class PrunedTag {
  /** What pruning does with a tag. */
  public enum Decision {
    /** Among the newest N: kept. */
    KEEP,
    /** Older than the newest N: removed (or, in a dry run, would be). */
    REMOVE,
    /** Older than the newest N but a container (running or stopped) uses it: kept. */
    IN_USE
  }

  private final String image;
  private final String reference;
  private final String imageId;
  private final Instant created;
  private final Decision decision;

  private PrunedTag(String image, String reference, String imageId, Instant created, Decision decision) {
    this.image = Objects.requireNonNull(image);
    this.reference = Objects.requireNonNull(reference);
    this.imageId = Objects.requireNonNull(imageId);
    this.created = Objects.requireNonNull(created);
    this.decision = Objects.requireNonNull(decision);
  }

  /** A tag and the decision about it. */
  public static PrunedTag of(String image, String reference, String imageId, Instant created, Decision decision) {
    return new PrunedTag(image, reference, imageId, created, decision);
  }

  /** The catalog image name. */
  public String image() {
    return image;
  }

  /** {@code <repository>/<name>:<key tag>}. */
  public String reference() {
    return reference;
  }

  public String imageId() {
    return imageId;
  }

  /** When the image was created. */
  public Instant created() {
    return created;
  }

  public Decision decision() {
    return decision;
  }

  @Override
  public String toString() {
    return decision.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-') + " " + reference + " (" + created + ")";
  }
}
