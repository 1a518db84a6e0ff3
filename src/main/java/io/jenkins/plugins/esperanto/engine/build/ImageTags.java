package io.jenkins.plugins.esperanto.engine.build;

import io.jenkins.plugins.esperanto.engine.catalog.CatalogImage;
import io.jenkins.plugins.esperanto.engine.key.ContentKey;
import java.util.List;

/**
 * The two tags every catalog image carries for its content key, spelled in one place:
 * {@code <repository>/<name>:<key tag>} and the repository-independent alias
 * {@code esperanto/<name>:<key tag>} that children's pinned {@code FROM} lines name.
 */
public final class ImageTags {
  private ImageTags() {}

  /** {@code <repository>/<name>:<key tag>}. */
  public static String reference(String repository, String name, ContentKey key) {
    return repository + "/" + name + ":" + key.tag();
  }

  /** {@code esperanto/<name>:<key tag>}, whatever the repository. */
  public static String alias(String name, ContentKey key) {
    return CatalogImage.CATALOG_FROM_PREFIX + name + ":" + key.tag();
  }

  /** The reference and, when it differs, the alias. */
  static List<String> both(String repository, String name, ContentKey key) {
    String reference = reference(repository, name, key);
    String alias = alias(name, key);
    return alias.equals(reference) ? List.of(reference) : List.of(reference, alias);
  }
}
