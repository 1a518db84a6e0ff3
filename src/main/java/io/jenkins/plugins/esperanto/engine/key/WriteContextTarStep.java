package io.jenkins.plugins.esperanto.engine.key;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;

/**
 * Writes listed context entries as one normalised tar to a file, hashing the bytes as they are
 * written: the tar that is hashed is the tar that is sent, and each source file is read once.
 *
 * <p>Normalised means: no time stamps, uid/gid 0 without names, modes 0644 or 0755 for files (only
 * the owner's exec bit counts), 0755 for directories, 0777 for symbolic links, PAX headers only for
 * names or link targets that need them. The same context gives the same bytes on any machine,
 * whatever the checkout's mtimes, umask or owner.
 */
final class WriteContextTarStep implements Callable<WriteContextTarStep.Result> {
  private static final int BUFFER = 1 << 16;

  private final List<ContextEntry> entries;
  private final String dockerfilePath;
  private final Optional<byte[]> dockerfileReplacement;
  private final Path target;

  WriteContextTarStep(
      List<ContextEntry> entries,
      String dockerfilePath,
      Optional<byte[]> dockerfileReplacement,
      Path target) {
    this.entries = entries;
    this.dockerfilePath = dockerfilePath;
    this.dockerfileReplacement = dockerfileReplacement;
    this.target = target;
  }

  /** The digest and length of the written tar. */
  static final class Result {
    final String sha256;
    final long size;

    Result(String sha256, long size) {
      this.sha256 = sha256;
      this.size = size;
    }
  }

  @Override
  public Result call() throws BuildContextException {
    HashingOutputStream hashing;
    try {
      hashing = new HashingOutputStream(Files.newOutputStream(target));
    } catch (IOException e) {
      throw new BuildContextException(
          target,
          "Tried to write the build context archive "
              + target
              + " but failed because "
              + e
              + "; check the temporary folder",
          e);
    }
    byte[] buffer = new byte[BUFFER];
    ContextEntry current = null;
    // The hashing stream gathers the tar's small writes into large chunks; no other buffer.
    try (hashing;
        TarArchiveOutputStream tar = new TarArchiveOutputStream(hashing, "UTF-8")) {
      tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
      tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
      tar.setAddPaxHeadersForNonAsciiNames(true);
      for (ContextEntry entry : entries) {
        current = entry;
        write(tar, entry, buffer);
      }
      current = null;
      tar.finish();
    } catch (IOException e) {
      if (current != null && current.source != null) {
        throw ListContextStep.unreadable(current.source, e);
      }
      throw new BuildContextException(
          target,
          "Tried to write the build context archive "
              + target
              + " but failed because "
              + e
              + "; check the free space of the temporary folder",
          e);
    }
    return new Result(hashing.hexDigest(), hashing.count());
  }

  private void write(TarArchiveOutputStream tar, ContextEntry entry, byte[] buffer)
      throws IOException, BuildContextException {
    boolean replaced =
        dockerfileReplacement.isPresent() && entry.relativePath.equals(dockerfilePath);
    if (replaced) {
      byte[] content = dockerfileReplacement.get();
      TarArchiveEntry header =
          header(entry.relativePath, TarConstants.LF_NORMAL, entry.executable ? 0755 : 0644);
      header.setSize(content.length);
      tar.putArchiveEntry(header);
      tar.write(content);
      tar.closeArchiveEntry();
      return;
    }
    switch (entry.type) {
      case DIRECTORY:
        tar.putArchiveEntry(header(entry.relativePath + "/", TarConstants.LF_DIR, 0755));
        tar.closeArchiveEntry();
        break;
      case SYMLINK:
        TarArchiveEntry link = header(entry.relativePath, TarConstants.LF_SYMLINK, 0777);
        link.setLinkName(entry.linkTarget);
        tar.putArchiveEntry(link);
        tar.closeArchiveEntry();
        break;
      default:
        TarArchiveEntry file =
            header(entry.relativePath, TarConstants.LF_NORMAL, entry.executable ? 0755 : 0644);
        file.setSize(entry.size);
        tar.putArchiveEntry(file);
        copyExactly(entry, tar, buffer);
        tar.closeArchiveEntry();
    }
  }

  private static TarArchiveEntry header(String name, byte type, int mode) {
    TarArchiveEntry header = new TarArchiveEntry(name, type);
    header.setMode(mode);
    header.setUserId(0);
    header.setGroupId(0);
    // The entry constructor fills in the current user's name and the current time.
    header.setUserName("");
    header.setGroupName("");
    header.setModTime(0L);
    return header;
  }

  /** Copies exactly the size that was listed; a file that changed meanwhile is an error. */
  private static void copyExactly(ContextEntry entry, OutputStream out, byte[] buffer)
      throws IOException, BuildContextException {
    long remaining = entry.size;
    try (InputStream in = Files.newInputStream(entry.source)) {
      while (remaining > 0) {
        int n = in.read(buffer, 0, (int) Math.min(buffer.length, remaining));
        if (n < 0) {
          break;
        }
        out.write(buffer, 0, n);
        remaining -= n;
      }
      if (remaining != 0 || in.read() >= 0) {
        throw new BuildContextException(
            entry.source,
            "Tried to archive "
                + entry.source
                + " but it changed size while it was read;"
                + " build again once nothing writes into the build context");
      }
    }
  }
}
