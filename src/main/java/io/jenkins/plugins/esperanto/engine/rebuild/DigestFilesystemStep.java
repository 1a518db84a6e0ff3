package io.jenkins.plugins.esperanto.engine.rebuild;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.exception.NotFoundException;
import io.jenkins.plugins.esperanto.engine.api.EsperantoException;
import io.jenkins.plugins.esperanto.engine.api.ImageLabels;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * A digest of an image's filesystem as a container sees it: every path with its type, mode,
 * owner, size, link target and content digest, sorted, and no timestamps. Two builds of the same
 * recipe without cache have different layer digests (new mtimes) but the same filesystem digest
 * when nothing else changed. Reads {@code docker export} of a created (never started) container,
 * which is removed afterwards.
 */
final class DigestFilesystemStep implements Callable<String> {
  private final DockerClient docker;
  private final String imageId;

  DigestFilesystemStep(DockerClient docker, String imageId) {
    this.docker = docker;
    this.imageId = imageId;
  }

  @Override
  public String call() throws EsperantoException {
    String container = docker.createContainerCmd(imageId)
        .withLabels(Map.of(ImageLabels.PREFIX + "purpose", "filesystem-digest"))
        .withCmd("true")
        .exec().getId();
    try (InputStream export = docker.exportContainerCmd(container).exec()) {
      return digest(export);
    } catch (IOException | DockerException e) {
      throw new EsperantoException("Tried to compare the filesystem of image " + imageId
          + " with the published one but failed because the export could not be read: " + e.getMessage(), e);
    } finally {
      try {
        docker.removeContainerCmd(container).withForce(true).exec();
      } catch (NotFoundException e) {
        // already gone
      }
    }
  }

  private static String digest(InputStream export) throws IOException {
    List<String> lines = new ArrayList<>();
    TarArchiveInputStream tar = new TarArchiveInputStream(export, StandardCharsets.UTF_8.name());
    MessageDigest content = sha256();
    byte[] buffer = new byte[64 * 1024];
    for (TarArchiveEntry entry = tar.getNextEntry(); entry != null; entry = tar.getNextEntry()) {
      content.reset();
      int n;
      while ((n = tar.read(buffer)) > 0) {
        content.update(buffer, 0, n);
      }
      lines.add(String.join("\u0000", entry.getName(), String.valueOf(entry.isDirectory() ? 'd'
              : entry.isSymbolicLink() ? 'l' : entry.isLink() ? 'h' : entry.isFile() ? 'f' : 'o'),
          Integer.toOctalString(entry.getMode()), String.valueOf(entry.getLongUserId()),
          String.valueOf(entry.getLongGroupId()), String.valueOf(entry.getSize()), entry.getLinkName(),
          String.valueOf(entry.getDevMajor()), String.valueOf(entry.getDevMinor()),
          HexFormat.of().formatHex(content.digest())));
    }
    Collections.sort(lines);
    MessageDigest all = sha256();
    for (String line : lines) {
      all.update(line.getBytes(StandardCharsets.UTF_8));
      all.update((byte) '\n');
    }
    return HexFormat.of().formatHex(all.digest());
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }
}
