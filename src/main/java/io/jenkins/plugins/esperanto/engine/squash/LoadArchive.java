package io.jenkins.plugins.esperanto.engine.squash;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * A {@code docker load} archive in the legacy layout, which every daemon version reads,
 * assembled lazily as a stream: headers from memory, layer data straight from the spooled
 * files, opened one at a time. Nothing is copied to disk and memory stays constant.
 *
 * <p>The manifest names no tag: the daemon registers the image under its ID only, so no tag
 * anywhere moves; the caller tags the ID.
 */
final class LoadArchive {
  private static final ObjectMapper JSON = new ObjectMapper();

  private LoadArchive() {}

  /**
   * @param config the image config bytes; its sha256 is the image ID
   * @param layers layer tars by diff_id, in order (a diff_id may repeat)
   */
  static InputStream stream(byte[] config, List<Map.Entry<String, Path>> layers)
      throws IOException {
    List<Supplier<InputStream>> parts = new ArrayList<>();
    Map<String, String> written = new LinkedHashMap<>();
    ArrayNode layerNames = JSON.createArrayNode();
    for (Map.Entry<String, Path> layer : layers) {
      String hex = layer.getKey().substring("sha256:".length());
      String name = hex + "/layer.tar";
      layerNames.add(name);
      if (written.putIfAbsent(hex, name) == null) {
        addFile(parts, name, layer.getValue());
      }
    }
    String configHex = Digests.sha256Hex(config);
    addBytes(parts, configHex + ".json", config);
    ArrayNode manifest = JSON.createArrayNode();
    ObjectNode entry = manifest.addObject();
    entry.put("Config", configHex + ".json");
    entry.putNull("RepoTags");
    entry.set("Layers", layerNames);
    addBytes(parts, "manifest.json", JSON.writeValueAsBytes(manifest));
    parts.add(() -> new ByteArrayInputStream(new byte[1024]));
    Iterator<Supplier<InputStream>> it = parts.iterator();
    return new SequenceInputStream(Collections.enumeration(new LazyList(it)));
  }

  private static void addFile(List<Supplier<InputStream>> parts, String name, Path file)
      throws IOException {
    long size = Files.size(file);
    parts.add(() -> new ByteArrayInputStream(TarWriter.headerBytes(header(name, size))));
    parts.add(() -> {
      try {
        return Files.newInputStream(file);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    });
    parts.add(() -> new ByteArrayInputStream(TarWriter.padding(size)));
  }

  private static void addBytes(List<Supplier<InputStream>> parts, String name, byte[] data) {
    parts.add(() -> new ByteArrayInputStream(TarWriter.headerBytes(header(name, data.length))));
    parts.add(() -> new ByteArrayInputStream(data));
    parts.add(() -> new ByteArrayInputStream(TarWriter.padding(data.length)));
  }

  private static TarHeader header(String name, long size) {
    return new TarHeader(name, TarHeader.REGULAR, 0644, 0, 0, size, 0, "", "", "", 0, 0,
        Map.of(), -1);
  }

  /** Opens each part only when the sequence reaches it, so one file is open at a time. */
  private static final class LazyList extends java.util.AbstractList<InputStream> {
    private final List<Supplier<InputStream>> suppliers = new ArrayList<>();

    LazyList(Iterator<Supplier<InputStream>> it) {
      it.forEachRemaining(suppliers::add);
    }

    @Override
    public InputStream get(int index) {
      return suppliers.get(index).get();
    }

    @Override
    public int size() {
      return suppliers.size();
    }
  }
}
