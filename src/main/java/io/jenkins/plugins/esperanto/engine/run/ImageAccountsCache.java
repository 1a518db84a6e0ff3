package io.jenkins.plugins.esperanto.engine.run;

import io.jenkins.plugins.esperanto.engine.api.HostHome;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The {@code /etc/passwd} and {@code /etc/group} of images, by image ID, in memory and on disk.
 *
 * <p>Why: reading them from a created container costs one overlay mount per file on the daemon
 * (about 150 ms each here), on every run. An image ID is the digest of the image's config,
 * which names its layers, so what an ID's files contain never changes: the cache needs no
 * invalidation. The disk copy lives in {@code $ESPERANTO_CACHE_DIR}, else {@code
 * $XDG_CACHE_HOME/esperanto}, else {@code ~/.cache/esperanto}, under {@code accounts/}, each only
 * when absolute; when none is, or it cannot be written, only memory is used.
 */
final class ImageAccountsCache {
  private static final int FORMAT = 1;
  private static final Map<String, ImageAccounts> MEMORY = new ConcurrentHashMap<>();

  private ImageAccountsCache() {}

  /** An image's account files; each is null when the image has none. */
  record ImageAccounts(String passwd, String group) {}

  static Optional<ImageAccounts> get(String imageId) {
    String key = key(imageId);
    if (key == null) {
      return Optional.empty();
    }
    ImageAccounts cached = MEMORY.get(key);
    if (cached != null) {
      return Optional.of(cached);
    }
    Optional<ImageAccounts> fromDisk = directory().flatMap(dir -> read(dir.resolve(key)));
    fromDisk.ifPresent(a -> MEMORY.put(key, a));
    return fromDisk;
  }

  static void put(String imageId, ImageAccounts accounts) {
    String key = key(imageId);
    if (key == null) {
      return;
    }
    MEMORY.put(key, accounts);
    directory().ifPresent(dir -> write(dir, key, accounts));
  }

  /** The hex digest of {@code sha256:<hex>}; null for anything else (never a path). */
  private static String key(String imageId) {
    String hex = imageId != null && imageId.startsWith("sha256:") ? imageId.substring(7) : null;
    return hex != null && hex.matches("[0-9a-f]{64}") ? hex : null;
  }

  private static Optional<Path> directory() {
    return directory(System.getenv());
  }

  /**
   * {@code $ESPERANTO_CACHE_DIR}, else {@code $XDG_CACHE_HOME/esperanto}, else {@code
   * ~/.cache/esperanto}, with {@code accounts/} under it; a relative value is ignored ({@link
   * HostHome}): it would put the cache under the current folder, often a checkout. Empty without
   * any absolute one: memory only.
   */
  static Optional<Path> directory(Map<String, String> environment) {
    return HostHome.of(environment.get("ESPERANTO_CACHE_DIR"))
        .or(() -> HostHome.of(environment.get("XDG_CACHE_HOME")).map(xdg -> xdg.resolve("esperanto")))
        .or(() -> HostHome.ofProcess().map(home -> home.resolve(".cache").resolve("esperanto")))
        .map(base -> base.resolve("accounts"));
  }

  private static Optional<ImageAccounts> read(Path file) {
    if (!trusted(file)) {
      return Optional.empty();
    }
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(Files.readAllBytes(file)))) {
      if (in.readInt() != FORMAT) {
        return Optional.empty();
      }
      return Optional.of(new ImageAccounts(readText(in), readText(in)));
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }

  /**
   * Whether a cache file may be believed: a regular file (not a link) owned by this process's
   * user and writable by no one else. A cache that someone else can write could hand a run
   * another account database; such a file is ignored (and rewritten when the directory allows).
   */
  static boolean trusted(Path file) {
    try {
      PosixFileAttributes attributes =
          Files.readAttributes(file, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
      Set<PosixFilePermission> mode = attributes.permissions();
      return attributes.isRegularFile()
          && ((Integer) Files.getAttribute(file, "unix:uid", LinkOption.NOFOLLOW_LINKS))
              == UserIdentity.ofCurrentProcess().uid()
          && !mode.contains(PosixFilePermission.GROUP_WRITE)
          && !mode.contains(PosixFilePermission.OTHERS_WRITE);
    } catch (IOException | RuntimeException e) {
      return false;
    }
  }

  private static String readText(DataInputStream in) throws IOException {
    int length = in.readInt();
    return length < 0 ? null : new String(in.readNBytes(length), StandardCharsets.UTF_8);
  }

  private static void write(Path dir, String key, ImageAccounts accounts) {
    try {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      try (DataOutputStream out = new DataOutputStream(bytes)) {
        out.writeInt(FORMAT);
        writeText(out, accounts.passwd());
        writeText(out, accounts.group());
      }
      Files.createDirectories(dir);
      Path temp = Files.createTempFile(dir, key, ".tmp");
      try {
        Files.write(temp, bytes.toByteArray());
        try {
          Files.move(temp, dir.resolve(key), StandardCopyOption.ATOMIC_MOVE,
              StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
          Files.move(temp, dir.resolve(key), StandardCopyOption.REPLACE_EXISTING);
        }
      } finally {
        Files.deleteIfExists(temp); // gone after a move; a failed write leaves no .tmp file
      }
    } catch (IOException | RuntimeException e) {
      // A cache that cannot be written only makes the next run read the image again.
    }
  }

  private static void writeText(DataOutputStream out, String text) throws IOException {
    if (text == null) {
      out.writeInt(-1);
      return;
    }
    byte[] data = text.getBytes(StandardCharsets.UTF_8);
    out.writeInt(data.length);
    out.write(data);
  }
}
