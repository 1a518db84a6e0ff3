package io.jenkins.plugins.esperanto.cli;

import com.github.dockerjava.api.DockerClient;
import io.jenkins.plugins.esperanto.engine.docker.DockerConnection;
import io.jenkins.plugins.esperanto.engine.docker.DockerEndpoint;
import io.jenkins.plugins.esperanto.engine.run.OwnContainers;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Leaves nothing behind when the {@code esperanto} process ends, normally or on SIGINT/SIGTERM, in
 * any phase (context, build, squash, push, pull, run).
 *
 * <p>The JVM answers those signals by running shutdown hooks while the command's thread goes on,
 * so its {@code finally} blocks may never run. The hook installed here therefore: interrupts the
 * command and gives it a moment to unwind (it removes its own container and files, and the
 * terminal is restored); then removes every container labelled as this process's, including one
 * whose creation was still in flight; then deletes this process's private temporary folder, under
 * which every temporary file of the command lives. A folder deleted early also stops a command that
 * is still running from creating more files there. {@code kill -9} runs no hook: {@code esperanto
 * gc} removes the containers, and the folders are named {@code esperanto-<pid>-*} in the
 * temporary folder.
 */
final class ProcessCleanup {
  /** Long enough for a command to remove its container; short enough for an impatient Ctrl-C. */
  private static final long UNWIND_SECONDS = 3;
  private static volatile ProcessCleanup installed;

  private final Thread command;
  private final CountDownLatch finished = new CountDownLatch(1);
  private final Map<Path, Path> tempDirs = new ConcurrentHashMap<>();
  private volatile Optional<DockerEndpoint> endpoint = Optional.empty();
  private volatile boolean stopping;

  private ProcessCleanup(Thread command) {
    this.command = command;
  }

  /** Installs the hook for a command that runs on the calling thread; call {@link #finished} after it. */
  static ProcessCleanup install() {
    ProcessCleanup cleanup = new ProcessCleanup(Thread.currentThread());
    Runtime.getRuntime().addShutdownHook(new Thread(cleanup::run, "esperanto-cleanup"));
    installed = cleanup;
    return cleanup;
  }

  /** The command has returned: the hook need not wait for it. */
  void finished() {
    finished.countDown();
  }

  /** Whether the process is being stopped (a failure seen now is the stop, not a fault). */
  static boolean stopping() {
    ProcessCleanup cleanup = installed;
    return cleanup != null && cleanup.stopping;
  }

  /**
   * A private folder under {@code base} for this process's temporary files, deleted when it ends;
   * {@code base} itself when no hook is installed (commands run inside another program).
   */
  static Path tempDirUnder(Path base) throws IOException {
    ProcessCleanup cleanup = installed;
    if (cleanup == null) {
      return base;
    }
    Path existing = cleanup.tempDirs.get(base);
    if (existing != null) {
      return existing;
    }
    Files.createDirectories(base);
    Path dir = Files.createTempDirectory(base, "esperanto-" + ProcessHandle.current().pid() + "-",
        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
    cleanup.tempDirs.put(base, dir);
    return dir;
  }

  /** The daemon whose containers are swept: the one the command connected to. */
  static void using(DockerEndpoint endpoint) {
    ProcessCleanup cleanup = installed;
    if (cleanup != null) {
      cleanup.endpoint = Optional.of(endpoint);
    }
  }

  private void run() {
    if (finished.getCount() > 0) {
      stopping = true;
      command.interrupt();
      try {
        finished.await(UNWIND_SECONDS, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      removeOwnContainers();
    }
    tempDirs.values().forEach(ProcessCleanup::deleteTree);
  }

  /** Nothing to do when the command never connected: no container of ours can exist. */
  private void removeOwnContainers() {
    if (endpoint.isEmpty()) {
      return;
    }
    try (DockerClient docker = DockerConnection.connect(endpoint.get())) {
      OwnContainers.removeAll(docker);
    } catch (Exception e) {
      // no daemon to reach: nothing of ours can be left on it that we could remove
    }
  }

  static void deleteTree(Path dir) {
    List<Path> all;
    try (Stream<Path> walk = Files.walk(dir)) {
      all = walk.sorted(Comparator.reverseOrder()).toList();
    } catch (IOException e) {
      return;
    }
    for (Path path : all) {
      try {
        Files.deleteIfExists(path);
      } catch (IOException e) {
        // try the rest
      }
    }
  }
}
