package io.jenkins.plugins.esperanto.engine.build;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.DockerException;
import io.jenkins.plugins.esperanto.engine.key.ContentKey;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.function.Consumer;

/**
 * Lets one process at a time build a content key on one Docker daemon: a CLI and a job, two
 * jobs on one agent (separate JVMs, possibly separate users) or threads of one JVM.
 *
 * <p>The lock is an advisory {@code flock}-style lock ({@link FileChannel#lock()}) on a file
 * named by a digest of the daemon's ID and the key, in one folder per machine ({@link
 * #FOLDER}, world-writable and sticky like {@code /tmp}, so that every user can take it
 * and none can delete another's file). The kernel releases it when its holder dies, even on
 * {@code kill -9}: there is never a stale lock to time out or break, which a marker object on
 * the daemon could not promise. Files are never deleted, since deleting a lock file lets two
 * holders lock two different files. A lock file that cannot be used (a read-only folder, a
 * folder owned by another user) does not stop a build: it is built unlocked, with a warning.
 * Threads of one JVM queue on a semaphore first, since the JVM refuses a second lock of a file
 * it already holds.
 */
final class KeyLock implements AutoCloseable {
  /** Shared by every user of this machine; {@code /tmp} is cleared at boot, as are its locks. */
  static final Path FOLDER = Path.of("/tmp/esperanto-locks");
  private static final int FOLDER_MODE = 01777;
  private static final int FILE_MODE = 0666;
  private static final Map<Path, Semaphore> IN_THIS_JVM = new ConcurrentHashMap<>();

  private final Semaphore local;
  private final Optional<FileChannel> channel;

  private KeyLock(Semaphore local, Optional<FileChannel> channel) {
    this.local = local;
    this.channel = channel;
  }

  /**
   * Waits until no other thread or process holds {@code key} on {@code docker}'s daemon, then
   * holds it until {@link #close()}.
   *
   * @param waiting told once, before waiting, when another holder has the key
   */
  static KeyLock acquire(DockerClient docker, ContentKey key, Consumer<String> waiting)
      throws InterruptedException {
    Path file = FOLDER.resolve(digest(daemonId(docker) + "\n" + key.value()) + ".lock");
    Semaphore local = IN_THIS_JVM.computeIfAbsent(file, f -> new Semaphore(1));
    if (!local.tryAcquire()) {
      waiting.accept("another build of " + key.value() + " is under way here; waiting for it");
      local.acquire();
    }
    try {
      return new KeyLock(local, lockFile(file, key, waiting));
    } catch (RuntimeException | InterruptedException e) {
      local.release();
      throw e;
    }
  }

  private static Optional<FileChannel> lockFile(Path file, ContentKey key, Consumer<String> waiting)
      throws InterruptedException {
    FileChannel channel = null;
    try {
      channel = open(file);
      if (channel.tryLock() == null) {
        waiting.accept("another process is building " + key.value() + " on this Docker daemon; waiting for it");
        lockInterruptibly(channel);
      }
      return Optional.of(channel);
    } catch (IOException e) {
      closeQuietly(channel);
      waiting.accept("warning: building " + key.value() + " without the build lock (" + file + ": " + e + ")");
      return Optional.empty();
    }
  }

  /** {@link FileChannel#lock()} blocks uninterruptibly for other processes; poll instead. */
  private static void lockInterruptibly(FileChannel channel) throws IOException, InterruptedException {
    long pause = 10;
    while (channel.tryLock() == null) {
      Thread.sleep(pause);
      pause = Math.min(pause * 2, 200);
    }
  }

  private static FileChannel open(Path file) throws IOException {
    Path folder = file.getParent();
    if (!Files.isDirectory(folder, LinkOption.NOFOLLOW_LINKS)) {
      try {
        Files.createDirectory(folder);
        Files.setAttribute(folder, "unix:mode", FOLDER_MODE);
      } catch (FileAlreadyExistsException e) {
        // another process made it first
      }
    }
    if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
      try {
        Files.createFile(file);
        Files.setAttribute(file, "unix:mode", FILE_MODE);
      } catch (FileAlreadyExistsException e) {
        // another process made it first
      }
    }
    // NOFOLLOW_LINKS: a symlink planted in the shared folder must not make us open (or create) another file
    return FileChannel.open(file, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS);
  }

  /** The daemon's own ID: clients on several machines or users of one daemon agree on it. */
  private static String daemonId(DockerClient docker) {
    try {
      String id = docker.infoCmd().exec().getId();
      if (id != null && !id.isBlank()) {
        return id;
      }
    } catch (DockerException e) {
      // fall through: a daemon that cannot say who it is fails the build soon anyway
    }
    return "unknown-daemon";
  }

  private static String digest(String text) {
    try {
      byte[] hash = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(hash, 0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JVM", e);
    }
  }

  private static void closeQuietly(FileChannel channel) {
    if (channel != null) {
      try {
        channel.close();
      } catch (IOException e) {
        // nothing held yet
      }
    }
  }

  /** Releases the key: closing the channel drops the file lock. */
  @Override
  public void close() {
    channel.ifPresent(KeyLock::closeQuietly);
    local.release();
  }
}
