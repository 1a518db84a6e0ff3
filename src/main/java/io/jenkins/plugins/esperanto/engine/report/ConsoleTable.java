package io.jenkins.plugins.esperanto.engine.report;

import io.jenkins.plugins.esperanto.engine.rebuild.RebuildEntry;
import io.jenkins.plugins.esperanto.engine.rebuild.RebuildReport;
import java.util.ArrayList;
import java.util.List;

/** The rebuild report as a plain-text table for a console or a build log. */
public final class ConsoleTable {
  private static final String[] HEADER = {"IMAGE", "ACTION", "KEY", "BEFORE SQUASH", "SIZE", "PUSHED", "TIME"};

  private ConsoleTable() {}

  /** The table, one line per image, then a summary line; no trailing newline on lines. */
  public static List<String> render(RebuildReport report) {
    List<String[]> rows = new ArrayList<>();
    rows.add(HEADER);
    for (RebuildEntry entry : report.entries()) {
      rows.add(new String[] {entry.name(), entry.action().label(), entry.keyTag(),
          Sizes.bytes(entry.sizeBeforeSquash()), Sizes.bytes(entry.size()), Sizes.bytes(entry.pushBytes()),
          Sizes.seconds(entry.duration())});
    }
    int[] widths = new int[HEADER.length];
    for (String[] row : rows) {
      for (int i = 0; i < row.length; i++) {
        widths[i] = Math.max(widths[i], row[i].length());
      }
    }
    List<String> lines = new ArrayList<>();
    for (String[] row : rows) {
      StringBuilder line = new StringBuilder();
      for (int i = 0; i < row.length; i++) {
        boolean number = i >= 3;
        String cell = number ? " ".repeat(widths[i] - row[i].length()) + row[i]
            : row[i] + " ".repeat(widths[i] - row[i].length());
        line.append(i == 0 ? "" : "  ").append(cell);
      }
      lines.add(line.toString().stripTrailing());
    }
    for (RebuildEntry entry : report.entries()) {
      if (entry.action().isProblem()) {
        lines.add(entry.name() + " " + entry.action().label() + ": " + entry.message().orElse(""));
      }
    }
    lines.add(report.summary());
    return lines;
  }
}
