package io.jenkins.plugins.esperanto.engine.build;

import io.jenkins.plugins.esperanto.engine.api.SquashMode;
import io.jenkins.plugins.esperanto.engine.catalog.CatalogImage;
import io.jenkins.plugins.esperanto.engine.key.ContentKey;
import io.jenkins.plugins.esperanto.engine.key.ContextArchive;
import java.util.Optional;

/**
 * A catalog image with its content key worked out and its build context already written, ready
 * to be looked up or built. Holds the context archive (a temp file): close it.
 */
public final class PreparedImage implements AutoCloseable {
  private final CatalogImage image;
  private final ContentKey key;
  private final SquashMode squash;
  private final ContextArchive archive;
  private final String finalBase;

  PreparedImage(CatalogImage image, ContentKey key, SquashMode squash, ContextArchive archive, Optional<String> finalBase) {
    this.image = image;
    this.key = key;
    this.squash = squash;
    this.archive = archive;
    this.finalBase = finalBase.orElse(null);
  }

  public CatalogImage image() {
    return image;
  }

  public ContentKey key() {
    return key;
  }

  public SquashMode squash() {
    return squash;
  }

  ContextArchive archive() {
    return archive;
  }

  /** The image the final stage is built FROM, as sent to Docker; empty for {@code scratch}. */
  public Optional<String> finalBase() {
    return Optional.ofNullable(finalBase);
  }

  /** {@code <repository>/<name>:<key tag>}. */
  public String reference(String repository) {
    return ImageTags.reference(repository, image.name().value(), key);
  }

  @Override
  public void close() {
    archive.close();
  }
}
