package io.jenkins.plugins.esperanto.engine.squash;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * Loads an image made of hand-written layer tars into the daemon, through a {@code docker load}
 * archive in the legacy layout: for layers that no {@code docker build} writes but any image
 * pulled from a registry may hold.
 */
final class CraftedImage {
  private static final ObjectMapper JSON = new ObjectMapper();

  private CraftedImage() {}

  /** Loads {@code layers} (oldest first) as {@code <prefix>/<name>:latest}; returns the ID. */
  static String load(TestImages images, String name, List<byte[]> layers) throws Exception {
    String tag = images.prefix + "/" + name + ":latest";
    ObjectNode config = JSON.createObjectNode().put("architecture", "amd64").put("os", "linux")
        .put("created", "2026-01-01T00:00:00Z");
    ObjectNode run = config.putObject("config");
    run.putObject("Labels").put(TestImages.TEST_LABEL, images.prefix);
    run.putArray("Cmd").add("/none"); // only ever created, for docker export
    ArrayNode diffIds = config.putObject("rootfs").put("type", "layers").putArray("diff_ids");
    ArrayNode history = config.putArray("history");
    ArrayNode layerNames = JSON.createArrayNode();
    ByteArrayOutputStream archive = new ByteArrayOutputStream();
    TarWriter writer = new TarWriter(archive);
    for (int i = 0; i < layers.size(); i++) {
      String hex = HexFormat.of().formatHex(Digests.sha256().digest(layers.get(i)));
      diffIds.add("sha256:" + hex);
      history.addObject().put("created", "2026-01-01T00:00:00Z").put("created_by", "layer " + i);
      layerNames.add(hex + "/layer.tar");
      entry(writer, hex + "/layer.tar", layers.get(i));
    }
    entry(writer, "config.json", JSON.writeValueAsBytes(config));
    ArrayNode manifest = JSON.createArrayNode();
    manifest.addObject().put("Config", "config.json").set("Layers", layerNames);
    ((ObjectNode) manifest.get(0)).putArray("RepoTags").add(tag);
    entry(writer, "manifest.json", JSON.writeValueAsBytes(manifest));
    writer.finish();
    new LoadImageStep(images.docker, new ByteArrayInputStream(archive.toByteArray())).call();
    images.track(tag);
    return images.docker.inspectImageCmd(tag).exec().getId();
  }

  private static void entry(TarWriter writer, String name, byte[] data) throws IOException {
    writer.write(new TarHeader(name, TarHeader.REGULAR, 0644, 0, 0, data.length, 0, "", "", "",
        0, 0, Map.of(), -1), new ByteArrayInputStream(data));
  }
}
