package io.jenkins.plugins.esperanto.engine.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.esperanto.engine.rebuild.RebuildAction;
import io.jenkins.plugins.esperanto.engine.rebuild.RebuildEntry;
import io.jenkins.plugins.esperanto.engine.rebuild.RebuildReport;
import java.util.OptionalLong;

/**
 * The rebuild report as JSON, for tools: sizes in bytes (null when unknown), durations in
 * milliseconds, actions as in the table ({@code up-to-date}, {@code built}, ...).
 */
public final class JsonReport {
  /** Format of the document, raised when a field changes meaning. */
  public static final int FORMAT = 1;

  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private JsonReport() {}

  /** The report as a JSON document. */
  public static String render(RebuildReport report) {
    ObjectNode root = JSON.createObjectNode();
    root.put("format", FORMAT);
    root.put("started", report.started().toString());
    root.put("durationMillis", report.duration().toMillis());
    root.put("parallel", report.parallel());
    root.put("refresh", report.refresh());
    ObjectNode counts = root.putObject("counts");
    for (RebuildAction action : RebuildAction.values()) {
      counts.put(action.label(), report.count(action));
    }
    root.put("success", !report.hasProblems());
    ArrayNode images = root.putArray("images");
    for (RebuildEntry entry : report.entries()) {
      ObjectNode image = images.addObject();
      image.put("name", entry.name());
      image.put("action", entry.action().label());
      image.put("key", entry.key());
      image.put("tag", entry.keyTag());
      image.put("reference", entry.reference().orElse(null));
      size(image, "sizeBeforeSquash", entry.sizeBeforeSquash());
      size(image, "size", entry.size());
      size(image, "pushBytes", entry.pushBytes());
      image.put("durationMillis", entry.duration().toMillis());
      image.put("message", entry.message().orElse(null));
    }
    try {
      return JSON.writeValueAsString(root) + "\n";
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException("a tree of plain values always serialises", e);
    }
  }

  private static void size(ObjectNode node, String field, OptionalLong value) {
    if (value.isPresent()) {
      node.put(field, value.getAsLong());
    } else {
      node.putNull(field);
    }
  }
}
