package io.jenkins.plugins.esperanto.engine.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.esperanto.engine.api.HostHome;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * ECR tokens on disk, one file per account, region and caller identity:
 * {@code <dir>/<account>-<region>-<identity digest>.json} ({@link EcrIdentity}). A token is
 * handed only to a caller whose credentials make the same identity: job B on a shared agent,
 * with other keys, another profile or role, or none, never gets job A's token.
 *
 * <p>The token is a credential (it grants push and pull for 12 hours), so the folder is
 * {@code 0700} and each file {@code 0600}, written to a temporary file in the same folder and
 * renamed over the old one, so that a reader never sees half a file and the file never exists
 * with a wider mode. Only the ECR token and its times are stored, never an AWS secret key. A
 * file whose mode lets others in, or that cannot be parsed, is ignored (and replaced on the
 * next write).
 */
final class EcrTokenCache {
  private static final Set<PosixFilePermission> FILE_MODE = PosixFilePermissions.fromString("rw-------");
  private static final Set<PosixFilePermission> DIR_MODE = PosixFilePermissions.fromString("rwx------");
  private static final int FORMAT = 2;
  /** A token file is well under 4 KiB; anything much larger is not ours. */
  private static final long MAX_FILE_BYTES = 64 * 1024;
  /** ECR tokens live 12 hours; a file older than this holds an expired one. */
  private static final Duration STALE_AFTER = Duration.ofHours(13);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Path directory;

  EcrTokenCache(Path directory) {
    this.directory = directory;
  }

  /**
   * {@code $XDG_CACHE_HOME/esperanto/ecr}, or {@code ~/.cache/esperanto/ecr}; empty without
   * either ({@link HostHome}): no disk cache rather than tokens written under the current folder.
   */
  static Optional<Path> defaultDirectory(Map<String, String> environment) {
    return HostHome.cacheBase(environment).map(base -> base.resolve("esperanto").resolve("ecr"));
  }

  Path fileFor(EcrRegistry registry, EcrIdentity identity) {
    return directory.resolve(registry.account() + "-" + registry.region() + "-" + identity.digest() + ".json");
  }

  /** The cached token, or empty when missing, unreadable, open to others or malformed. */
  Optional<EcrToken> read(EcrRegistry registry, EcrIdentity identity) {
    Path file = fileFor(registry, identity);
    try {
      if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)
          || !Files.getPosixFilePermissions(file, LinkOption.NOFOLLOW_LINKS).equals(FILE_MODE)
          || Files.size(file) > MAX_FILE_BYTES) {
        return Optional.empty();
      }
      JsonNode node = JSON.readTree(file.toFile());
      if (node.path("format").asInt() != FORMAT || !registry.account().equals(node.path("account").asText())
          || !registry.region().equals(node.path("region").asText())
          || !identity.digest().equals(node.path("identity").asText()) || !node.path("token").isTextual()) {
        return Optional.empty();
      }
      return Optional.of(EcrToken.of(Secret.of(node.get("token").asText()),
          Instant.ofEpochMilli(node.path("fetchedAt").asLong()), Instant.ofEpochMilli(node.path("expiresAt").asLong())));
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }

  /**
   * Stores {@code token} atomically with mode 0600 in a 0700 folder.
   *
   * @throws IOException when the folder or file cannot be written
   */
  void write(EcrRegistry registry, EcrIdentity identity, EcrToken token) throws IOException {
    ensureDirectory();
    ObjectNode node = JSON.createObjectNode();
    node.put("format", FORMAT);
    node.put("account", registry.account());
    node.put("region", registry.region());
    node.put("identity", identity.digest());
    node.put("fetchedAt", token.fetchedAt().toEpochMilli());
    node.put("expiresAt", token.expiresAt().toEpochMilli());
    node.put("token", token.authorizationToken().reveal());
    byte[] bytes = JSON.writeValueAsBytes(node);
    Path target = fileFor(registry, identity);
    // Created 0600 from the start: no moment where the token sits in a wider-mode file.
    Path temp = Files.createTempFile(directory, "." + target.getFileName(), ".tmp", PosixFilePermissions.asFileAttribute(FILE_MODE));
    try {
      try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
        channel.write(ByteBuffer.wrap(bytes));
        channel.force(true);
      }
      try {
        Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
      }
    } finally {
      Files.deleteIfExists(temp);
    }
    sweep(registry, target);
  }

  /**
   * Deletes this registry's token files that no one can use any more: those older than a
   * token's lifetime (temporary credentials get a new key id, and so a new file, at every
   * rotation) and the file of the format without identity, which is never read.
   */
  private void sweep(EcrRegistry registry, Path kept) {
    String prefix = registry.account() + "-" + registry.region();
    long oldest = System.currentTimeMillis() - STALE_AFTER.toMillis();
    try (DirectoryStream<Path> files = Files.newDirectoryStream(directory, prefix + "*.json")) {
      for (Path file : files) {
        String name = file.getFileName().toString();
        boolean legacy = name.equals(prefix + ".json");
        boolean ours = name.matches(Pattern.quote(prefix) + "-[0-9a-f]{32}\\.json");
        if (!file.equals(kept) && (legacy || (ours
            && Files.getLastModifiedTime(file, LinkOption.NOFOLLOW_LINKS).toMillis() < oldest))) {
          Files.deleteIfExists(file);
        }
      }
    } catch (IOException | RuntimeException e) {
      // best effort: a file left behind is swept at the next write
    }
  }

  /** Deletes the cached token of {@code registry} for {@code identity}, e.g. after the registry rejected it. */
  void delete(EcrRegistry registry, EcrIdentity identity) throws IOException {
    Files.deleteIfExists(fileFor(registry, identity));
  }

  private void ensureDirectory() throws IOException {
    if (!Files.isDirectory(directory)) {
      Files.createDirectories(directory.getParent());
      try {
        Files.createDirectory(directory, PosixFilePermissions.asFileAttribute(DIR_MODE));
      } catch (FileAlreadyExistsException e) {
        // Created concurrently by another process: its mode is checked below.
      }
    }
    Set<PosixFilePermission> mode = Files.getPosixFilePermissions(directory);
    if (!mode.equals(DIR_MODE)) {
      // The umask may have widened it, or a user did: tokens must not be listable by others.
      Files.setPosixFilePermissions(directory, EnumSet.copyOf(DIR_MODE));
    }
  }
}
