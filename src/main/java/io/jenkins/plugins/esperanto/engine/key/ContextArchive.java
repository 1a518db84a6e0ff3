package io.jenkins.plugins.esperanto.engine.key;

import io.jenkins.plugins.esperanto.engine.api.EsperantoException;
import io.jenkins.plugins.esperanto.engine.api.Printable;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * A build context as it is sent to the Docker Engine: one normalised tar in a temporary file, with
 * the sha256 of exactly those bytes.
 *
 * <p>The context folder is walked once, {@code .dockerignore} applied as the Docker CLI applies it
 * (the Dockerfile and {@code .dockerignore} are always sent), and every sent file is read once,
 * while the tar is written and hashed. Send it with {@code
 * buildImageCmd().withTarInputStream(archive.open())}. Closing deletes the file.
 */
public final class ContextArchive implements AutoCloseable {
  private final Path file;
  private final String sha256;
  private final long size;
  private final int entryCount;

  private ContextArchive(Path file, String sha256, long size, int entryCount) {
    this.file = file;
    this.sha256 = sha256;
    this.size = size;
    this.entryCount = entryCount;
  }

  /**
   * Archives {@code contextDir}.
   *
   * @param contextDir the build context folder
   * @param dockerfilePath the Dockerfile's path relative to {@code contextDir}, such as {@code
   *     Dockerfile}
   * @param dockerfileReplacement when present, sent instead of the Dockerfile's content (for
   *     example with its {@code FROM} lines pinned)
   * @param tempDir where the tar is written
   * @throws EsperantoException naming the path when the folder or the Dockerfile is missing, a file
   *     cannot be read, a path is a socket, FIFO or device, or {@code .dockerignore} is bad
   */
  public static ContextArchive create(
      Path contextDir, String dockerfilePath, Optional<byte[]> dockerfileReplacement, Path tempDir)
      throws EsperantoException {
    if (!Files.isDirectory(contextDir)) {
      throw new BuildContextException(
          contextDir,
          "Tried to archive the build context "
              + contextDir
              + " but failed because that folder does not exist; create it or fix the path");
    }
    String dockerfile = relativeDockerfile(contextDir, dockerfilePath);
    Path dockerfileSource = contextDir.resolve(dockerfile);
    if (!Files.isRegularFile(dockerfileSource)) {
      throw new BuildContextException(
          dockerfileSource,
          "Tried to archive the build context "
              + contextDir
              + " but failed because the Dockerfile "
              + dockerfileSource
              + " does not exist; create it or fix the path");
    }
    DockerIgnore ignore = DockerIgnore.read(contextDir).keepingBuildFiles(dockerfile);
    List<ContextEntry> entries = new ListContextStep(contextDir, ignore).call();
    Path tar = createTempFile(tempDir);
    try {
      WriteContextTarStep.Result result =
          new WriteContextTarStep(entries, dockerfile, dockerfileReplacement, tar).call();
      return new ContextArchive(tar, result.sha256, result.size, entries.size());
    } catch (EsperantoException | RuntimeException | Error e) {
      deleteQuietly(tar);
      throw e;
    }
  }

  private static String relativeDockerfile(Path contextDir, String dockerfilePath)
      throws BuildContextException {
    String cleaned = SlashPath.clean(dockerfilePath);
    if (cleaned.equals(".")
        || cleaned.startsWith("/")
        || cleaned.equals("..")
        || cleaned.startsWith("../")) {
      throw new BuildContextException(
          contextDir.resolve(dockerfilePath),
          "Tried to archive the build context "
              + contextDir
              + " but the Dockerfile path '"
              + Printable.of(dockerfilePath)
              + "' is not a file inside it; give a path relative to the context folder");
    }
    return cleaned;
  }

  private static Path createTempFile(Path tempDir) throws BuildContextException {
    try {
      Files.createDirectories(tempDir);
      return Files.createTempFile(tempDir, "esperanto-context-", ".tar");
    } catch (IOException e) {
      throw new BuildContextException(
          tempDir,
          "Tried to create a temporary file in "
              + tempDir
              + " but failed because "
              + e
              + "; check that folder's permissions and free space",
          e);
    }
  }

  private static void deleteQuietly(Path path) {
    try {
      Files.deleteIfExists(path);
    } catch (IOException e) {
      // Best effort: the original failure is the one worth reporting.
    }
  }

  /** The tar file; valid until {@link #close()}. */
  public Path file() {
    return file;
  }

  /** The sha256 of the tar's bytes, 64 lower-case hex digits. */
  public String sha256() {
    return sha256;
  }

  /** The tar's length in bytes. */
  public long size() {
    return size;
  }

  /** How many entries (directories, files, links) the tar holds. */
  public int entryCount() {
    return entryCount;
  }

  /**
   * A fresh stream over the tar, to send to the Engine; the caller closes it.
   *
   * @throws UncheckedIOException when the file can no longer be opened (it was closed or removed)
   */
  public InputStream open() {
    try {
      return new BufferedInputStream(Files.newInputStream(file), 1 << 16);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "Tried to open the build context archive "
              + file
              + " but failed; it is deleted when the archive is closed",
          e);
    }
  }

  /** Deletes the temporary file. */
  @Override
  public void close() {
    deleteQuietly(file);
  }

  @Override
  public String toString() {
    return "ContextArchive[" + sha256 + ", " + size + " bytes, " + entryCount + " entries]";
  }
}
