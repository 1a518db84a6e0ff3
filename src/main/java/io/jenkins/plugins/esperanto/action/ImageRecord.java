package io.jenkins.plugins.esperanto.action;

import java.io.Serializable;
import java.util.Objects;
import org.kohsuke.stapler.export.Exported;
import org.kohsuke.stapler.export.ExportedBean;

/** One image a build used: shown on the build page and in the REST API ({@code images[]}). */
@ExportedBean(defaultVisibility = 2)
public final class ImageRecord implements Serializable {
  private static final long serialVersionUID = 1L;

  private final String name;
  private final String reference;
  private final String contentKey;
  private final String imageId;
  private final String action;
  private final long sizeBytes;

  private ImageRecord(String name, String reference, String contentKey, String imageId, String action, long sizeBytes) {
    this.name = Objects.requireNonNull(name);
    this.reference = Objects.requireNonNull(reference);
    this.contentKey = Objects.requireNonNull(contentKey);
    this.imageId = Objects.requireNonNull(imageId);
    this.action = Objects.requireNonNull(action);
    this.sizeBytes = sizeBytes;
  }

  /**
   * A record.
   *
   * @param action what the engine did: {@code UP_TO_DATE}, {@code BUILT}, {@code PULLED} (or
   *     {@code USED} for a reference given as is)
   */
  public static ImageRecord of(String name, String reference, String contentKey, String imageId, String action,
      long sizeBytes) {
    return new ImageRecord(name, reference, contentKey, imageId, action, sizeBytes);
  }

  /** The catalog name, e.g. {@code toolchain}. */
  @Exported
  public String getName() {
    return name;
  }

  /** The full reference, {@code repo/name:key}. */
  @Exported
  public String getReference() {
    return reference;
  }

  @Exported
  public String getContentKey() {
    return contentKey;
  }

  /** The image id ({@code sha256:...}) that ran: the digest of its configuration. */
  @Exported
  public String getImageId() {
    return imageId;
  }

  @Exported
  public String getAction() {
    return action;
  }

  @Exported
  public long getSizeBytes() {
    return sizeBytes;
  }

  /** The size for people, e.g. {@code 138.2 MB}. */
  public String getSizeText() {
    return sizeBytes < 1_000_000 ? (sizeBytes / 1000) + " kB" : String.format(java.util.Locale.ROOT, "%.1f MB", sizeBytes / 1e6);
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof ImageRecord)) {
      return false;
    }
    ImageRecord r = (ImageRecord) o;
    return name.equals(r.name) && reference.equals(r.reference) && contentKey.equals(r.contentKey)
        && imageId.equals(r.imageId) && action.equals(r.action) && sizeBytes == r.sizeBytes;
  }

  @Override
  public int hashCode() {
    return Objects.hash(name, reference, contentKey, imageId, action, sizeBytes);
  }

  @Override
  public String toString() {
    return name + " = " + reference + " (" + action + ")";
  }
}
