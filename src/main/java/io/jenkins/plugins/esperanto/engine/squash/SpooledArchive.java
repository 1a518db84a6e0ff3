package io.jenkins.plugins.esperanto.engine.squash;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The files of a {@code docker save} archive, spooled to a directory as they stream by: the
 * stream is not in layer order, and the manifest naming the order comes last. Symlinks (a
 * layer shared by two positions) are resolved when a file is looked up.
 */
final class SpooledArchive {
  private static final int MAX_LINK_HOPS = 8;

  private final Map<String, Path> files = new HashMap<>();
  private final Map<String, String> links = new HashMap<>();

  private SpooledArchive() {}

  /** Reads {@code save} to its end, writing every regular file to a new file in {@code dir}. */
  static SpooledArchive spool(InputStream save, Path dir) throws IOException, InterruptedException {
    SpooledArchive archive = new SpooledArchive();
    TarReader reader = new TarReader(new BufferedInputStream(save, 256 * 1024));
    byte[] buffer = new byte[256 * 1024];
    for (Optional<TarHeader> next = reader.next(); next.isPresent(); next = reader.next()) {
      TarHeader header = next.get();
      String name = OverlayTree.normalize(header.name);
      if (header.type == TarHeader.SYMLINK) {
        archive.links.put(name, header.linkName);
      } else if (header.type == TarHeader.REGULAR) {
        Path file = dir.resolve("spool-" + archive.files.size());
        try (OutputStream out = Files.newOutputStream(file, StandardOpenOption.CREATE_NEW)) {
          InputStream data = reader.data();
          for (int n = data.read(buffer); n >= 0; n = data.read(buffer)) {
            out.write(buffer, 0, n);
            MergeLayersStep.checkInterrupted();
          }
        }
        archive.files.put(name, file);
      }
    }
    return archive;
  }

  /** The spooled file for an archive path, following symlinks; empty when absent. */
  Optional<Path> file(String name) {
    String path = OverlayTree.normalize(name);
    for (int hop = 0; hop < MAX_LINK_HOPS; hop++) {
      String target = links.get(path);
      if (target == null) {
        return Optional.ofNullable(files.get(path));
      }
      String dir = path.contains("/") ? path.substring(0, path.lastIndexOf('/')) : "";
      path = resolve(dir, target);
    }
    return Optional.empty();
  }

  /** Replaces the file stored for {@code name} (a decompressed layer, for instance). */
  void replace(String name, Path file) {
    files.put(OverlayTree.normalize(name), file);
  }

  private static String resolve(String dir, String target) {
    Path joined = target.startsWith("/") ? Path.of(target) : Path.of("/" + dir, target);
    return OverlayTree.normalize(joined.normalize().toString());
  }
}
