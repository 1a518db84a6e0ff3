package io.jenkins.plugins.esperanto.engine.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes small catalogs into a temporary folder for tests. */
public final class TestCatalog {
  private final Path root;

  public TestCatalog(Path root) {
    this.root = root;
  }

  public Path root() {
    return root;
  }

  /** Writes {@code images/<name>/Docker/Dockerfile} and, when given, {@code image.yaml}. */
  public TestCatalog image(String name, String dockerfile, String imageYaml) {
    write(name + "/Docker/Dockerfile", dockerfile);
    if (imageYaml != null) {
      write(name + "/image.yaml", imageYaml);
    }
    return this;
  }

  /** Writes a file relative to the catalog root. */
  public TestCatalog write(String relative, String content) {
    try {
      Path file = root.resolve(relative);
      Files.createDirectories(file.getParent());
      Files.writeString(file, content, StandardCharsets.UTF_8);
      return this;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
