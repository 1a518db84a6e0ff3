package io.jenkins.plugins.esperanto.engine.run;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.NotFoundException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * Reads and writes small files of a created (not necessarily started) container through the
 * Engine API's archive endpoints, so that nothing in the image (no shell, no tar) is needed.
 */
final class ContainerFiles {
  private static final int MAX_FILE = 16 * 1024 * 1024;

  private final DockerClient docker;
  private final String containerId;

  ContainerFiles(DockerClient docker, String containerId) {
    this.docker = docker;
    this.containerId = containerId;
  }

  /** The content of a regular file, or empty when there is none at {@code path}. */
  Optional<String> read(String path) throws IOException {
    return read(path, 0);
  }

  private Optional<String> read(String path, int depth) throws IOException {
    try (InputStream raw = docker.copyArchiveFromContainerCmd(containerId, path).exec();
        TarArchiveInputStream tar = new TarArchiveInputStream(raw)) {
      TarArchiveEntry entry = tar.getNextEntry();
      if (entry == null) {
        return Optional.empty();
      }
      if (entry.isSymbolicLink() && depth < 8) {
        String target = entry.getLinkName();
        String resolved = target.startsWith("/") ? target : parent(path) + "/" + target;
        return read(resolved, depth + 1);
      }
      if (!entry.isFile() || entry.getSize() > MAX_FILE) {
        return Optional.empty();
      }
      return Optional.of(new String(tar.readAllBytes(), StandardCharsets.UTF_8));
    } catch (NotFoundException e) {
      return Optional.empty();
    }
  }

  /** Owner uid of the file or directory at {@code path}, reading only the first tar header. */
  Optional<Long> ownerOf(String path) throws IOException {
    try (InputStream raw = docker.copyArchiveFromContainerCmd(containerId, path).exec();
        TarArchiveInputStream tar = new TarArchiveInputStream(raw)) {
      TarArchiveEntry entry = tar.getNextEntry();
      return entry == null ? Optional.empty() : Optional.of(entry.getLongUserId());
    } catch (NotFoundException e) {
      return Optional.empty();
    }
  }

  /** Extracts {@code tar} (paths relative to {@code /}) into the container's root. */
  void writeTar(byte[] tar) {
    docker
        .copyArchiveToContainerCmd(containerId)
        .withRemotePath("/")
        .withTarInputStream(new ByteArrayInputStream(tar))
        .exec();
  }

  private static String parent(String path) {
    int slash = path.lastIndexOf('/');
    return slash <= 0 ? "" : path.substring(0, slash);
  }

  /** Builds a small tar in memory. */
  static final class TarBuilder {
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final TarArchiveOutputStream tar = new TarArchiveOutputStream(bytes);

    TarBuilder() {
      tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
      tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
    }

    TarBuilder file(String path, String content, int mode) throws IOException {
      byte[] data = content.getBytes(StandardCharsets.UTF_8);
      TarArchiveEntry entry = new TarArchiveEntry(relative(path));
      entry.setMode(mode);
      entry.setSize(data.length);
      tar.putArchiveEntry(entry);
      tar.write(data);
      tar.closeArchiveEntry();
      return this;
    }

    TarBuilder directory(String path, long uid, long gid, int mode) throws IOException {
      TarArchiveEntry entry = new TarArchiveEntry(relative(path) + "/");
      entry.setMode(TarArchiveEntry.DEFAULT_DIR_MODE & ~0777 | mode);
      entry.setUserId(uid);
      entry.setGroupId(gid);
      tar.putArchiveEntry(entry);
      tar.closeArchiveEntry();
      return this;
    }

    byte[] build() throws IOException {
      tar.finish();
      tar.close();
      return bytes.toByteArray();
    }

    private static String relative(String path) {
      String p = path;
      while (p.startsWith("/")) {
        p = p.substring(1);
      }
      while (p.endsWith("/")) {
        p = p.substring(0, p.length() - 1);
      }
      return p;
    }
  }
}
