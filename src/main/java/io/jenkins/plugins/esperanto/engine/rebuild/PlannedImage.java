package io.jenkins.plugins.esperanto.engine.rebuild;

import io.jenkins.plugins.esperanto.engine.api.ImageName;
import io.jenkins.plugins.esperanto.engine.key.ContentKey;
import java.util.List;
import java.util.Objects;

/** One image of a {@link RebuildPlan}: its key, its catalog parents, and whether and why it is rebuilt. */
public final class PlannedImage {
  /** Why an image is (or is not) in the rebuild. */
  public enum Reason {
    /** Its content key has no tag where images are published. */
    NEW_KEY("no image for this key"),
    /** It builds FROM an image that is rebuilt. */
    PARENT_REBUILT("builds FROM a rebuilt image"),
    /** {@code --refresh}: rebuilt with pull and no cache although the key exists. */
    REFRESH("refresh"),
    /** Its key is already published and nothing it builds FROM changes. */
    UP_TO_DATE("up to date");

    private final String text;

    Reason(String text) {
      this.text = text;
    }

    /** A few words for the printed plan. */
    public String text() {
      return text;
    }
  }

  private final ImageName name;
  private final ContentKey key;
  private final List<ImageName> parents;
  private final Reason reason;

  private PlannedImage(ImageName name, ContentKey key, List<ImageName> parents, Reason reason) {
    this.name = Objects.requireNonNull(name);
    this.key = Objects.requireNonNull(key);
    this.parents = List.copyOf(parents);
    this.reason = Objects.requireNonNull(reason);
  }

  /** An entry of a plan. */
  public static PlannedImage of(ImageName name, ContentKey key, List<ImageName> parents, Reason reason) {
    return new PlannedImage(name, key, parents, reason);
  }

  /** The catalog image. */
  public ImageName name() {
    return name;
  }

  /** Its current content key. */
  public ContentKey key() {
    return key;
  }

  /** The catalog images it builds FROM. */
  public List<ImageName> parents() {
    return parents;
  }

  /** Why it is or is not rebuilt. */
  public Reason reason() {
    return reason;
  }

  /** True when the rebuild builds it. */
  public boolean rebuild() {
    return reason != Reason.UP_TO_DATE;
  }

  @Override
  public String toString() {
    return name + " " + key.tag() + " " + reason.text();
  }
}
