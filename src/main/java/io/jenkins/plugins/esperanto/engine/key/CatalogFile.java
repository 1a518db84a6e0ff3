package io.jenkins.plugins.esperanto.engine.key;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * Reads a small text file of the catalog ({@code image.yaml}, the Dockerfile,
 * {@code .dockerignore}) that an untrusted change may have turned into a link to a device, a
 * FIFO or a huge file. Links are followed, as {@code docker build} follows them, but only a
 * regular file of at most {@link #MAX_BYTES} is read: opening a FIFO would block and reading
 * {@code /dev/zero} would fill the heap.
 */
public final class CatalogFile {
  /** 1 MiB: far above any hand-written recipe, far below a heap. */
  public static final int MAX_BYTES = 1024 * 1024;

  private CatalogFile() {}

  /**
   * The file's bytes.
   *
   * @throws java.nio.file.NoSuchFileException when it (or a link's target) does not exist
   * @throws Unusable when it is not a regular file or is too large
   * @throws IOException when it cannot be read
   */
  public static byte[] read(Path file) throws IOException {
    BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
    if (!attributes.isRegularFile()) {
      throw new Unusable("it is not a regular file but a "
          + (attributes.isDirectory() ? "folder" : "FIFO, socket or device")
          + (Files.isSymbolicLink(file) ? " (through a symbolic link)" : "")
          + "; make it a plain file");
    }
    try (InputStream in = Files.newInputStream(file)) {
      byte[] bytes = in.readNBytes(MAX_BYTES + 1);
      if (bytes.length > MAX_BYTES) {
        throw new Unusable("it has " + Math.max(attributes.size(), bytes.length)
            + " bytes, more than the " + MAX_BYTES + " a catalog file may have");
      }
      return bytes;
    }
  }

  /** A file that exists but must not be read; the message is a reason ("it is ..."). */
  public static final class Unusable extends IOException {
    private static final long serialVersionUID = 1L;

    Unusable(String reason) {
      super(reason);
    }
  }
}
