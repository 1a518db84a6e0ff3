package io.jenkins.plugins.esperanto.engine.registry;

import com.github.dockerjava.api.model.ResponseItem;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Follows the Engine API's push or pull stream, layer by layer, and reports it through a
 * {@link ProgressOutput}: bytes done over bytes known, layers finished over layers seen.
 */
final class ProgressTracker {
  private static final Pattern LAYER_ID = Pattern.compile("[0-9a-f]{12}");
  private static final Set<String> DONE = Set.of("pushed", "layer already exists", "pull complete", "already exists");

  private final String title;
  private final ProgressOutput output;
  private final long startNanos = System.nanoTime();
  private final Map<String, long[]> layers = new LinkedHashMap<>();
  private final Map<String, Boolean> done = new LinkedHashMap<>();
  private long lastReportNanos = System.nanoTime();
  private String digest;

  ProgressTracker(String title, ProgressOutput output) {
    this.title = title;
    this.output = output;
  }

  /** Takes one stream item (errors are handled by the caller). */
  void accept(ResponseItem item) {
    if (item.getAux() != null && item.getAux().getDigest() != null) {
      digest = item.getAux().getDigest();
    }
    String id = item.getId();
    String status = item.getStatus() == null ? "" : item.getStatus().toLowerCase(Locale.ROOT);
    // Layer lines carry a 12-hex-digit short id; "Pulling from <repo>" carries the tag as id.
    if (id == null || !LAYER_ID.matcher(id).matches() || status.isEmpty() || status.startsWith("pulling from")) {
      return;
    }
    done.putIfAbsent(id, false);
    long[] bytes = layers.computeIfAbsent(id, k -> new long[2]);
    if (item.getProgressDetail() != null && item.getProgressDetail().getCurrent() != null) {
      bytes[0] = item.getProgressDetail().getCurrent();
      if (item.getProgressDetail().getTotal() != null && item.getProgressDetail().getTotal() > 0) {
        bytes[1] = Math.max(bytes[1], item.getProgressDetail().getTotal());
      }
    }
    boolean finished = DONE.contains(status) || status.startsWith("mounted from");
    boolean layerDone = finished && !done.get(id);
    if (layerDone) {
      done.put(id, true);
      bytes[0] = Math.max(bytes[0], bytes[1]);
      if (output.mode() == ProgressOutput.Mode.LINES) {
        output.line(title + ": layer " + id + " " + status + " (" + finishedCount() + "/" + done.size() + " layers)");
      }
    }
    // A live line is redrawn at once when a layer finishes; otherwise at most every interval.
    report(layerDone && output.mode() == ProgressOutput.Mode.TERMINAL);
  }

  /** The manifest digest the daemon reported, if any (push). */
  String digest() {
    return digest;
  }

  /** The closing line. */
  void finish(String outcome) {
    double seconds = (System.nanoTime() - startNanos) / 1e9;
    output.line(String.format(Locale.ROOT, "%s: %s in %.1f s (%d layers, %s)", title, outcome, seconds, done.size(),
        megabytes(totalBytes())));
  }

  /** A line outside the stream, e.g. a retry notice. */
  void notice(String text) {
    output.line(title + ": " + text);
  }

  private void report(boolean force) {
    long now = System.nanoTime();
    if (!force && now - lastReportNanos < output.interval().toNanos()) {
      return;
    }
    lastReportNanos = now;
    String summary = String.format(Locale.ROOT, "%s: %d/%d layers, %s of %s", title, finishedCount(), done.size(),
        megabytes(currentBytes()), megabytes(totalBytes()));
    if (output.mode() == ProgressOutput.Mode.TERMINAL) {
      output.live(summary);
    } else if (output.mode() == ProgressOutput.Mode.LINES) {
      output.line(summary);
    }
  }

  private long finishedCount() {
    return done.values().stream().filter(b -> b).count();
  }

  private long currentBytes() {
    return layers.values().stream().mapToLong(b -> b[0]).sum();
  }

  private long totalBytes() {
    return layers.values().stream().mapToLong(b -> Math.max(b[0], b[1])).sum();
  }

  private static String megabytes(long bytes) {
    return String.format(Locale.ROOT, "%.1f MB", bytes / 1e6);
  }
}
