package io.jenkins.plugins.esperanto.engine.squash;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** A private temporary directory, deleted with everything in it when closed. */
final class WorkDirectory implements AutoCloseable {
  private final Path path;

  private WorkDirectory(Path path) {
    this.path = path;
  }

  static WorkDirectory create(Path parent) throws IOException {
    Files.createDirectories(parent);
    return new WorkDirectory(Files.createTempDirectory(parent, "esperanto-squash-"));
  }

  Path path() {
    return path;
  }

  /** Deletes the directory tree; tries every file even when one cannot be deleted. */
  @Override
  public void close() throws IOException {
    List<Path> all;
    try (Stream<Path> walk = Files.walk(path)) {
      all = walk.sorted(Comparator.reverseOrder()).collect(Collectors.toList());
    }
    IOException first = null;
    for (Path p : all) {
      try {
        Files.deleteIfExists(p);
      } catch (IOException e) {
        first = first == null ? e : first;
      }
    }
    if (first != null) {
      throw first;
    }
  }
}
