package io.jenkins.plugins.esperanto.engine.api;

/** The {@code io.esperanto.*} labels put on every image and container the engine creates. */
public final class ImageLabels {
  public static final String PREFIX = "io.esperanto.";
  /** Catalog name of the image. */
  public static final String NAME = PREFIX + "name";
  /** Full content key (64 hex). */
  public static final String KEY = PREFIX + "key";
  /** Source revision of the catalog (git commit), when known. */
  public static final String REVISION = PREFIX + "revision";
  /** Image ID of the FROM base of the final stage, or {@code scratch}; used by squash. */
  public static final String BASE_IMAGE = PREFIX + "base-image";
  /** Set on squashed images: the ID of the image before squashing. */
  public static final String SQUASHED_FROM = PREFIX + "squashed-from";

  private ImageLabels() {}
}
