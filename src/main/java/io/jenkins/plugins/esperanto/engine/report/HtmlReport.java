package io.jenkins.plugins.esperanto.engine.report;

import io.jenkins.plugins.esperanto.engine.rebuild.RebuildAction;
import io.jenkins.plugins.esperanto.engine.rebuild.RebuildEntry;
import io.jenkins.plugins.esperanto.engine.rebuild.RebuildReport;
import java.util.Locale;
import java.util.OptionalLong;

/**
 * The rebuild report as one self-contained HTML page: the same table as the console, with bars
 * for sizes and durations, inline CSS only (no script, font, image or link to fetch), so it
 * reads the same archived in Jenkins, mailed or opened from disk.
 */
public final class HtmlReport {
  private static final String CSS = String.join("\n",
      "body{font-family:system-ui,sans-serif;margin:24px;color:#1d2330;background:#fff}",
      "h1{font-size:20px;margin:0 0 4px}",
      "p.summary{margin:0 0 16px;color:#4a5568}",
      "table{border-collapse:collapse;width:100%}",
      "th,td{padding:6px 10px;border-bottom:1px solid #e2e8f0;text-align:left;vertical-align:middle}",
      "th{background:#edf2f7;font-size:13px}",
      "td.num{text-align:right;white-space:nowrap;font-variant-numeric:tabular-nums}",
      "td.key{font-family:monospace;font-size:12px}",
      ".bar{height:10px;background:#cbd5e0;border-radius:2px;min-width:1px}",
      ".bar.size{background:#4299e1}.bar.before{background:#a0aec0}.bar.time{background:#ed8936}",
      ".cell{display:flex;align-items:center;gap:8px}.cell .track{flex:1;min-width:80px}",
      ".action{font-weight:600;padding:2px 8px;border-radius:10px;font-size:12px;white-space:nowrap}",
      ".up-to-date{background:#e2e8f0}.pulled{background:#bee3f8}.built{background:#c6f6d5}",
      ".failed{background:#fed7d7;color:#9b2c2c}.skipped{background:#fefcbf}",
      "td.msg{font-size:12px;color:#742a2a;max-width:360px;word-break:break-word}");

  private HtmlReport() {}

  /** The page. */
  public static String render(RebuildReport report) {
    long maxSize = report.entries().stream()
        .mapToLong(e -> Math.max(e.size().orElse(0), e.sizeBeforeSquash().orElse(0))).max().orElse(0);
    long maxMillis = report.entries().stream().mapToLong(e -> e.duration().toMillis()).max().orElse(0);
    StringBuilder html = new StringBuilder();
    html.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
        .append("<title>Esperanto rebuild ").append(escape(report.started().toString())).append("</title>\n")
        .append("<style>\n").append(CSS).append("\n</style>\n</head>\n<body>\n")
        .append("<h1>Esperanto image rebuild</h1>\n<p class=\"summary\">")
        .append(escape(report.started().toString())).append(" &middot; ").append(escape(report.summary()))
        .append(" &middot; parallel ").append(report.parallel()).append(report.refresh() ? " &middot; refresh" : "")
        .append("</p>\n<table>\n<thead><tr><th>Image</th><th>Action</th><th>Key</th><th>Size before squash</th>")
        .append("<th>Size</th><th>Pushed</th><th>Duration</th><th>Message</th></tr></thead>\n<tbody>\n");
    for (RebuildEntry entry : report.entries()) {
      html.append("<tr class=\"image ").append(entry.action().label()).append("\">")
          .append("<td>").append(escape(entry.name())).append("</td>")
          .append("<td><span class=\"action ").append(entry.action().label()).append("\">")
          .append(entry.action().label()).append("</span></td>")
          .append("<td class=\"key\" title=\"").append(escape(entry.key())).append("\">")
          .append(escape(entry.keyTag())).append("</td>")
          .append(bar("before", entry.sizeBeforeSquash(), maxSize, Sizes.bytes(entry.sizeBeforeSquash())))
          .append(bar("size", entry.size(), maxSize, Sizes.bytes(entry.size())))
          .append("<td class=\"num\">").append(escape(Sizes.bytes(entry.pushBytes()))).append("</td>")
          .append(bar("time", OptionalLong.of(entry.duration().toMillis()), maxMillis, Sizes.seconds(entry.duration())))
          .append("<td class=\"msg\">").append(escape(entry.message().orElse(""))).append("</td></tr>\n");
    }
    html.append("</tbody>\n</table>\n");
    if (report.count(RebuildAction.FAILED) > 0) {
      html.append("<p class=\"summary\">Failed images stop only the images built FROM them (skipped).</p>\n");
    }
    return html.append("</body>\n</html>\n").toString();
  }

  private static String bar(String kind, OptionalLong value, long max, String label) {
    double percent = value.isEmpty() || max <= 0 ? 0 : 100.0 * value.getAsLong() / max;
    return "<td class=\"num\"><div class=\"cell\"><div class=\"track\"><div class=\"bar " + kind + "\" style=\"width:"
        + String.format(Locale.ROOT, "%.1f", percent) + "%\"></div></div><span>" + escape(label)
        + "</span></div></td>";
  }

  private static String escape(String text) {
    StringBuilder out = new StringBuilder(text.length());
    for (char c : text.toCharArray()) {
      switch (c) {
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '&' -> out.append("&amp;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        default -> out.append(c < 0x20 && c != '\n' && c != '\t' ? '?' : c);
      }
    }
    return out.toString();
  }
}
