package io.jenkins.plugins.esperanto.engine.squash;

import java.nio.file.Path;

/** The merged layer tar on disk, with its diff_id ({@code sha256:<hex>} of its bytes). */
final class MergedLayer {
  private final Path file;
  private final String diffId;
  private final long size;
  private final int entries;

  private MergedLayer(Path file, String diffId, long size, int entries) {
    this.file = file;
    this.diffId = diffId;
    this.size = size;
    this.entries = entries;
  }

  static MergedLayer of(Path file, String diffId, long size, int entries) {
    return new MergedLayer(file, diffId, size, entries);
  }

  Path file() {
    return file;
  }

  String diffId() {
    return diffId;
  }

  long size() {
    return size;
  }

  int entries() {
    return entries;
  }
}
