package io.jenkins.plugins.esperanto.engine.squash;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.dockerjava.api.DockerClient;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/** A small image's {@code docker save} archive in memory, read with commons-compress. */
final class SavedFiles {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final Map<String, byte[]> files = new HashMap<>();

  static SavedFiles of(DockerClient docker, String image) throws IOException {
    SavedFiles saved = new SavedFiles();
    try (InputStream in = docker.saveImageCmd(image).exec();
        TarArchiveInputStream tar = new TarArchiveInputStream(in)) {
      for (TarArchiveEntry e = tar.getNextEntry(); e != null; e = tar.getNextEntry()) {
        if (e.isFile()) {
          saved.files.put(e.getName(), tar.readAllBytes());
        }
      }
    }
    return saved;
  }

  JsonNode manifest() throws IOException {
    return JSON.readTree(files.get("manifest.json")).get(0);
  }

  /** The image config, parsed. */
  JsonNode config() throws IOException {
    return JSON.readTree(files.get(manifest().get("Config").asText()));
  }

  /** The content of {@code path} in the image's last layer, or null when it is not there. */
  String fileInLastLayer(String path) throws IOException {
    JsonNode layers = manifest().get("Layers");
    byte[] layer = files.get(layers.get(layers.size() - 1).asText());
    try (TarArchiveInputStream tar = new TarArchiveInputStream(new ByteArrayInputStream(layer))) {
      for (TarArchiveEntry e = tar.getNextEntry(); e != null; e = tar.getNextEntry()) {
        if (OverlayTree.normalize(e.getName()).equals(path)) {
          return new String(tar.readAllBytes(), StandardCharsets.UTF_8);
        }
      }
    }
    return null;
  }
}
