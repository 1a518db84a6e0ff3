package io.jenkins.plugins.esperanto.engine.squash;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * Rewrites an image config for its squashed layers. Everything the image does at run time
 * (Env, Entrypoint, Cmd, WorkingDir, User, Labels, ExposedPorts, Volumes, StopSignal, Shell,
 * Healthcheck, OnBuild, ...) and every unknown field is kept as is. Only three things change:
 * {@code rootfs.diff_ids} (base ones kept, merged one appended), {@code history} (the squashed
 * entries collapsed into one, so non-empty entries still equal the layer count), and the label
 * {@link #SQUASHED_FROM}.
 */
final class SquashedConfig {
  /** Label on a squashed image: the ID of the image it was squashed from. */
  static final String SQUASHED_FROM = "io.esperanto.squashed-from";

  private static final ObjectMapper JSON = new ObjectMapper();

  private SquashedConfig() {}

  /**
   * @param config the source image's config JSON
   * @param baseLayers how many of its layers are kept (0 for mode all)
   * @param baseCreated when the base image was created; history entries without a layer up to
   *     then stay with the base
   * @param mergedDiffId the diff_id of the merged layer
   * @param sourceId the source image's ID, for the label
   * @param description the created_by text of the one history entry for the merged layer
   */
  static byte[] rewrite(byte[] config, int baseLayers, Optional<Instant> baseCreated,
      String mergedDiffId, String sourceId, String description) throws IOException {
    JsonNode tree = JSON.readTree(config);
    if (!tree.isObject() || !tree.path("rootfs").path("diff_ids").isArray()) {
      throw new IOException("the image config has no rootfs.diff_ids");
    }
    ObjectNode root = (ObjectNode) tree;
    ArrayNode diffIds = (ArrayNode) root.path("rootfs").path("diff_ids");
    int squashed = diffIds.size() - baseLayers;
    ArrayNode newIds = JSON.createArrayNode();
    for (int i = 0; i < baseLayers; i++) {
      newIds.add(diffIds.get(i));
    }
    newIds.add(mergedDiffId);
    ((ObjectNode) root.get("rootfs")).set("diff_ids", newIds);

    ArrayNode history = root.path("history").isArray() ? (ArrayNode) root.get("history")
        : JSON.createArrayNode();
    ArrayNode newHistory = JSON.createArrayNode();
    int kept = baseHistory(history, baseLayers, baseCreated);
    int keptLayers = 0;
    for (int i = 0; i < kept; i++) {
      newHistory.add(history.get(i));
      keptLayers += isEmptyLayer(history.get(i)) ? 0 : 1;
    }
    for (; keptLayers < baseLayers; keptLayers++) {
      newHistory.add(JSON.createObjectNode().put("created_by", "base layer (no history)"));
    }
    ObjectNode entry = newHistory.addObject();
    if (root.has("created")) {
      entry.set("created", root.get("created"));
    }
    entry.put("created_by", description);
    entry.put("comment", "esperanto squash of " + sourceId + ": " + squashed + " layers and "
        + (history.size() - kept) + " history entries merged into this one");
    root.set("history", newHistory);

    ObjectNode runConfig = root.path("config").isObject() ? (ObjectNode) root.get("config")
        : root.putObject("config");
    ObjectNode labels = runConfig.path("Labels").isObject() ? (ObjectNode) runConfig.get("Labels")
        : runConfig.putObject("Labels");
    labels.put(SQUASHED_FROM, sourceId);
    return JSON.writeValueAsBytes(root);
  }

  /** How many leading history entries belong to the base image. */
  private static int baseHistory(ArrayNode history, int baseLayers, Optional<Instant> created) {
    int layers = 0;
    int i = 0;
    while (i < history.size() && layers < baseLayers) {
      layers += isEmptyLayer(history.get(i)) ? 0 : 1;
      i++;
    }
    if (baseLayers == 0) {
      return 0;
    }
    // The base's own trailing ENV/CMD entries have no layer; they are as old as the base.
    while (i < history.size() && isEmptyLayer(history.get(i)) && created.isPresent()
        && createdAt(history.get(i)).map(t -> !t.isAfter(created.get())).orElse(false)) {
      i++;
    }
    return i;
  }

  private static boolean isEmptyLayer(JsonNode entry) {
    return entry.path("empty_layer").asBoolean(false);
  }

  private static Optional<Instant> createdAt(JsonNode entry) {
    try {
      return Optional.of(Instant.parse(entry.path("created").asText()));
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }
}
