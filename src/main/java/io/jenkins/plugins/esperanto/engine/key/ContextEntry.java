package io.jenkins.plugins.esperanto.engine.key;

import java.nio.file.Path;

/** One path of a build context that will be sent: what the archive needs to know about it. */
final class ContextEntry {
  enum Type {
    DIRECTORY,
    FILE,
    SYMLINK
  }

  final String relativePath;
  final Type type;
  final Path source;
  final long size;
  final boolean executable;
  final String linkTarget;

  private ContextEntry(
      String relativePath,
      Type type,
      Path source,
      long size,
      boolean executable,
      String linkTarget) {
    this.relativePath = relativePath;
    this.type = type;
    this.source = source;
    this.size = size;
    this.executable = executable;
    this.linkTarget = linkTarget;
  }

  static ContextEntry directory(String relativePath, Path source) {
    return new ContextEntry(relativePath, Type.DIRECTORY, source, 0, true, null);
  }

  static ContextEntry file(String relativePath, Path source, long size, boolean executable) {
    return new ContextEntry(relativePath, Type.FILE, source, size, executable, null);
  }

  static ContextEntry symlink(String relativePath, Path source, String target) {
    return new ContextEntry(relativePath, Type.SYMLINK, source, 0, false, target);
  }

  @Override
  public String toString() {
    return type + " " + relativePath;
  }
}
