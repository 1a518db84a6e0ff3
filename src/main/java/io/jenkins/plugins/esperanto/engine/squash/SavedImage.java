package io.jenkins.plugins.esperanto.engine.squash;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;

/**
 * One image read from a spooled {@code docker save} archive: its config bytes and its layer
 * tars (uncompressed, oldest first). Reads both layouts: the legacy one
 * ({@code manifest.json} naming {@code <id>/layer.tar}) and the OCI one ({@code index.json}
 * naming manifests and layers under {@code blobs/sha256/}, possibly gzip-compressed).
 */
final class SavedImage {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final byte[] config;
  private final List<Path> layers;

  private SavedImage(byte[] config, List<Path> layers) {
    this.config = config.clone();
    this.layers = List.copyOf(layers);
  }

  /** Finds the image in {@code archive}; gzip layers are decompressed into {@code dir}. */
  static SavedImage read(SpooledArchive archive, Path dir) throws IOException {
    if (archive.file("manifest.json").isPresent()) {
      JsonNode manifest = json(archive, "manifest.json");
      if (!manifest.isArray() || manifest.size() != 1) {
        throw new IOException("manifest.json lists " + manifest.size() + " images, expected 1");
      }
      JsonNode entry = manifest.get(0);
      List<String> layerNames = new ArrayList<>();
      entry.path("Layers").forEach(layer -> layerNames.add(layer.asText()));
      return of(archive, dir, text(entry, "Config"), layerNames);
    }
    if (archive.file("index.json").isPresent()) {
      JsonNode manifest = ociManifest(archive, json(archive, "index.json"));
      List<String> layerNames = new ArrayList<>();
      for (JsonNode layer : manifest.path("layers")) {
        layerNames.add(blob(text(layer, "digest")));
      }
      return of(archive, dir, blob(text(manifest.path("config"), "digest")), layerNames);
    }
    throw new IOException("the archive has neither manifest.json nor index.json");
  }

  byte[] config() {
    return config.clone();
  }

  List<Path> layers() {
    return layers;
  }

  /** Follows an OCI index (and nested indexes) to the first image manifest. */
  private static JsonNode ociManifest(SpooledArchive archive, JsonNode index) throws IOException {
    JsonNode node = index;
    for (int depth = 0; depth < 4 && node.has("manifests"); depth++) {
      if (node.path("manifests").size() != 1) {
        throw new IOException("index lists " + node.path("manifests").size()
            + " manifests, expected 1");
      }
      node = json(archive, blob(text(node.path("manifests").get(0), "digest")));
    }
    if (!node.has("layers")) {
      throw new IOException("no image manifest found under index.json");
    }
    return node;
  }

  private static SavedImage of(SpooledArchive archive, Path dir, String configName,
      List<String> layerNames) throws IOException {
    byte[] config = Files.readAllBytes(need(archive, configName));
    List<Path> layers = new ArrayList<>();
    for (String name : layerNames) {
      layers.add(uncompressed(archive, name, need(archive, name), dir));
    }
    return new SavedImage(config, layers);
  }

  /** OCI layers may be gzip-compressed; the merge needs random access to plain tar. */
  private static Path uncompressed(SpooledArchive archive, String name, Path file, Path dir)
      throws IOException {
    byte[] magic = new byte[4];
    try (InputStream in = Files.newInputStream(file)) {
      int n = in.readNBytes(magic, 0, 4);
      if (n >= 4 && (magic[0] & 0xff) == 0x28 && (magic[1] & 0xff) == 0xb5) {
        throw new IOException("layer " + name + " is zstd-compressed, which is not supported");
      }
      if (n < 2 || (magic[0] & 0xff) != 0x1f || (magic[1] & 0xff) != 0x8b) {
        return file;
      }
    }
    Path plain = Files.createTempFile(dir, "layer-", ".tar");
    try (InputStream in = new GZIPInputStream(new BufferedInputStream(Files.newInputStream(file)));
        OutputStream out = Files.newOutputStream(plain)) {
      in.transferTo(out);
    }
    Files.delete(file);
    archive.replace(name, plain);
    return plain;
  }

  private static JsonNode json(SpooledArchive archive, String name) throws IOException {
    return JSON.readTree(need(archive, name).toFile());
  }

  private static Path need(SpooledArchive archive, String name) throws IOException {
    return archive.file(name)
        .orElseThrow(() -> new IOException("the archive has no file " + name));
  }

  private static String text(JsonNode node, String field) throws IOException {
    if (!node.path(field).isTextual()) {
      throw new IOException("field " + field + " is missing in " + node);
    }
    return node.path(field).asText();
  }

  private static String blob(String digest) throws IOException {
    if (!digest.matches("sha256:[0-9a-f]{64}")) {
      throw new IOException("unsupported digest " + digest + ", expected sha256:<64 hex>");
    }
    return "blobs/sha256/" + digest.substring("sha256:".length());
  }
}
