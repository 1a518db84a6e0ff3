package io.jenkins.plugins.esperanto.engine.squash;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * A {@code docker load} archive in the legacy layout, which every daemon version reads,
 * assembled lazily as a stream: kept layers straight from the spooled files, then the merged
 * layer as it is produced, then the config, which is only known once the merged layer's
 * diff_id is (the daemon reads the whole archive before it looks at the manifest), then the
 * manifest. Nothing is copied to disk and memory stays constant.
 *
 * <p>The manifest names no tag: the daemon registers the image under its ID only, so no tag
 * anywhere moves; the caller tags the ID.
 */
final class LoadArchive {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String MERGED = "squashed/layer.tar";
  private static final String CONFIG = "config.json";

  private LoadArchive() {}

  /**
   * @param kept the base layers by diff_id, in order (a diff_id may repeat)
   * @param merged the merged layer, which comes last
   * @param configFor the image config for the merged layer's diff_id
   */
  static InputStream stream(List<Map.Entry<String, Path>> kept, MergedLayerStream merged,
      Function<String, byte[]> configFor) {
    List<Supplier<InputStream>> parts = new ArrayList<>();
    ArrayNode layerNames = JSON.createArrayNode();
    Set<String> written = new HashSet<>();
    for (Map.Entry<String, Path> layer : kept) {
      String name = layer.getKey().substring("sha256:".length()) + "/layer.tar";
      layerNames.add(name);
      if (written.add(name)) {
        parts.add(() -> entry(name, layer.getValue()));
      }
    }
    layerNames.add(MERGED);
    parts.add(() -> new ByteArrayInputStream(TarWriter.headerBytes(header(MERGED, merged.size()))));
    parts.add(() -> merged);
    parts.add(() -> new ByteArrayInputStream(TarWriter.padding(merged.size())));
    parts.add(() -> entry(CONFIG, configFor.apply(merged.diffId())));
    parts.add(() -> entry("manifest.json", manifest(layerNames)));
    parts.add(() -> new ByteArrayInputStream(new byte[1024]));
    return new LazySequence(parts.iterator());
  }

  private static byte[] manifest(ArrayNode layerNames) {
    ArrayNode manifest = JSON.createArrayNode();
    ObjectNode image = manifest.addObject();
    image.put("Config", CONFIG);
    image.putNull("RepoTags");
    image.set("Layers", layerNames);
    try {
      return JSON.writeValueAsBytes(manifest);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static InputStream entry(String name, Path file) {
    try {
      long size = Files.size(file);
      List<Supplier<InputStream>> parts = List.of(
          () -> new ByteArrayInputStream(TarWriter.headerBytes(header(name, size))),
          () -> open(file),
          () -> new ByteArrayInputStream(TarWriter.padding(size)));
      return new LazySequence(parts.iterator());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static InputStream entry(String name, byte[] data) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(TarWriter.headerBytes(header(name, data.length)));
    out.writeBytes(data);
    out.writeBytes(TarWriter.padding(data.length));
    return new ByteArrayInputStream(out.toByteArray());
  }

  private static InputStream open(Path file) {
    try {
      return Files.newInputStream(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static TarHeader header(String name, long size) {
    return new TarHeader(name, TarHeader.REGULAR, 0644, 0, 0, size, 0, "", "", "", 0, 0,
        Map.of(), -1);
  }
}
