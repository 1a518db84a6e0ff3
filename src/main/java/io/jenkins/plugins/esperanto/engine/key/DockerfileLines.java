package io.jenkins.plugins.esperanto.engine.key;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Splits Dockerfile text into instructions as BuildKit's Dockerfile parser does: parser directives
 * at the top ({@code # escape=`}), comments, blank lines, line continuations with the escape
 * character, continuation lines that are comments or blank skipped. Each instruction keeps, for
 * every character of its joined text, the offset of that character in the original text, so that a
 * word can be replaced in place.
 */
final class DockerfileLines {
  private static final Pattern DIRECTIVE =
      Pattern.compile("^#\\s*([a-zA-Z][a-zA-Z0-9]*)\\s*=\\s*(.+?)\\s*$");
  private static final List<String> KNOWN_DIRECTIVES = List.of("syntax", "escape", "check");

  /** One instruction: its first line, its joined text and where each character came from. */
  static final class Instruction {
    final int line;
    final String text;
    private final int[] offsets;

    Instruction(int line, String text, int[] offsets) {
      this.line = line;
      this.text = text;
      this.offsets = offsets;
    }

    /** The original offset of character {@code index} of {@link #text}. */
    int sourceOffset(int index) {
      return offsets[index];
    }

    /** The upper-cased first word. */
    String keyword() {
      String trimmed = text.strip();
      int end = 0;
      while (end < trimmed.length() && !Character.isWhitespace(trimmed.charAt(end))) {
        end++;
      }
      return trimmed.substring(0, end).toUpperCase(Locale.ROOT);
    }
  }

  /** A problem at a line, turned into a {@link DockerfileException} by the caller. */
  static final class LineProblem extends Exception {
    private static final long serialVersionUID = 1L;
    final int line;

    LineProblem(int line, String message) {
      super(message);
      this.line = line;
    }
  }

  private final String source;
  private final List<Instruction> instructions = new ArrayList<>();
  private char escape = '\\';

  private DockerfileLines(String source) {
    this.source = source;
  }

  /** Parses {@code source} into instructions. */
  static DockerfileLines parse(String source) throws LineProblem {
    DockerfileLines lines = new DockerfileLines(source);
    lines.run();
    return lines;
  }

  List<Instruction> instructions() {
    return instructions;
  }

  char escape() {
    return escape;
  }

  private void run() throws LineProblem {
    List<int[]> physical = physicalLines();
    boolean directivesDone = false;
    boolean escapeSeen = false;
    int i = 0;
    while (i < physical.size()) {
      int lineNo = i + 1;
      int start = skipLeadingSpace(physical.get(i));
      int end = physical.get(i)[1];
      String content = source.substring(start, end);
      i++;
      if (!directivesDone) {
        Matcher directive = DIRECTIVE.matcher(content);
        if (directive.matches()
            && KNOWN_DIRECTIVES.contains(directive.group(1).toLowerCase(Locale.ROOT))) {
          if (directive.group(1).equalsIgnoreCase("escape")) {
            if (escapeSeen) {
              throw new LineProblem(lineNo, "is a second escape parser directive");
            }
            escapeSeen = true;
            String value = directive.group(2);
            if (!value.equals("\\") && !value.equals("`")) {
              throw new LineProblem(
                  lineNo,
                  "sets the escape character to '" + value + "', which is neither ` nor \\");
            }
            escape = value.charAt(0);
          }
          continue;
        }
        directivesDone = true;
      }
      if (content.startsWith("#") || content.isEmpty()) {
        continue;
      }
      StringBuilder text = new StringBuilder();
      List<Integer> offsets = new ArrayList<>();
      boolean continued = appendSegment(start, end, text, offsets);
      while (continued && i < physical.size()) {
        int[] next = physical.get(i);
        i++;
        String trimmed = source.substring(skipLeadingSpace(next), next[1]);
        if (trimmed.startsWith("#") || trimmed.isEmpty()) {
          continue;
        }
        continued = appendSegment(next[0], next[1], text, offsets);
      }
      if (text.toString().isBlank()) {
        continue;
      }
      instructions.add(
          new Instruction(
              lineNo, text.toString(), offsets.stream().mapToInt(Integer::intValue).toArray()));
    }
  }

  /** Appends a physical line without a trailing escape; true when it continues. */
  private boolean appendSegment(int start, int end, StringBuilder text, List<Integer> offsets) {
    int cut = end;
    while (cut > start && (source.charAt(cut - 1) == ' ' || source.charAt(cut - 1) == '\t')) {
      cut--;
    }
    boolean continued = cut > start && source.charAt(cut - 1) == escape;
    int stop = continued ? cut - 1 : end;
    for (int k = start; k < stop; k++) {
      text.append(source.charAt(k));
      offsets.add(k);
    }
    return continued;
  }

  private int skipLeadingSpace(int[] line) {
    int k = line[0];
    while (k < line[1] && Character.isWhitespace(source.charAt(k))) {
      k++;
    }
    return k;
  }

  /** [start, end) of each line, without its line terminator (and a BOM on the first). */
  private List<int[]> physicalLines() {
    List<int[]> lines = new ArrayList<>();
    int start = source.startsWith("\uFEFF") ? 1 : 0;
    while (start <= source.length()) {
      int newline = source.indexOf('\n', start);
      int next = newline < 0 ? source.length() + 1 : newline + 1;
      int end = newline < 0 ? source.length() : newline;
      while (end > start && (source.charAt(end - 1) == '\r' || source.charAt(end - 1) == '\n')) {
        end--;
      }
      lines.add(new int[] {start, end});
      start = next;
    }
    return lines;
  }

  @Override
  public String toString() {
    return Arrays.toString(instructions.stream().map(x -> x.line + ":" + x.text).toArray());
  }
}
