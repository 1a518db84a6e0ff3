package io.jenkins.plugins.esperanto.engine.squash;

import java.util.Objects;

/** What a squash produced: the new image (by ID) and the before/after figures. Immutable. */
public final class SquashResult {
  private final String imageId;
  private final String sourceImageId;
  private final long sizeBefore;
  private final long sizeAfter;
  private final int layersBefore;
  private final int layersAfter;

  private SquashResult(String imageId, String sourceImageId, long sizeBefore, long sizeAfter,
      int layersBefore, int layersAfter) {
    this.imageId = Objects.requireNonNull(imageId);
    this.sourceImageId = Objects.requireNonNull(sourceImageId);
    this.sizeBefore = sizeBefore;
    this.sizeAfter = sizeAfter;
    this.layersBefore = layersBefore;
    this.layersAfter = layersAfter;
  }

  /**
   * A result.
   *
   * @param imageId the squashed image ({@code sha256:<hex>}); equals {@code sourceImageId} when
   *     nothing was squashed
   * @param sourceImageId the image that was squashed
   * @param sizeBefore the source image's size in bytes, as the daemon reports it
   * @param sizeAfter the squashed image's size in bytes
   * @param layersBefore the source's layer count
   * @param layersAfter the squashed image's layer count
   */
  public static SquashResult of(String imageId, String sourceImageId, long sizeBefore,
      long sizeAfter, int layersBefore, int layersAfter) {
    return new SquashResult(imageId, sourceImageId, sizeBefore, sizeAfter, layersBefore,
        layersAfter);
  }

  /** The squashed image's ID, {@code sha256:<hex>}; the caller tags it. */
  public String imageId() {
    return imageId;
  }

  /** The unsquashed image's ID. */
  public String sourceImageId() {
    return sourceImageId;
  }

  /** The unsquashed image's size in bytes. */
  public long sizeBefore() {
    return sizeBefore;
  }

  /** The squashed image's size in bytes. */
  public long sizeAfter() {
    return sizeAfter;
  }

  /** The unsquashed image's number of layers. */
  public int layersBefore() {
    return layersBefore;
  }

  /** The squashed image's number of layers. */
  public int layersAfter() {
    return layersAfter;
  }

  /** True when the squash produced a different image. */
  public boolean changed() {
    return !imageId.equals(sourceImageId);
  }

  @Override
  public boolean equals(Object other) {
    if (!(other instanceof SquashResult)) {
      return false;
    }
    SquashResult that = (SquashResult) other;
    return imageId.equals(that.imageId) && sourceImageId.equals(that.sourceImageId)
        && sizeBefore == that.sizeBefore && sizeAfter == that.sizeAfter
        && layersBefore == that.layersBefore && layersAfter == that.layersAfter;
  }

  @Override
  public int hashCode() {
    return Objects.hash(imageId, sourceImageId, sizeBefore, sizeAfter, layersBefore, layersAfter);
  }

  @Override
  public String toString() {
    return sourceImageId + " (" + layersBefore + " layers, " + sizeBefore + " bytes) -> " + imageId
        + " (" + layersAfter + " layers, " + sizeAfter + " bytes)";
  }
}
