package io.jenkins.plugins.esperanto.engine.docker;

import java.util.function.Consumer;

/**
 * Splits text that arrives in chunks (build output, a container's log) into lines for a
 * consumer, holding at most {@link #MAX_LINE} characters: a longer line is passed on in
 * pieces of that size, so output without newlines cannot fill the heap. Not thread-safe;
 * callers that receive chunks on several threads synchronise.
 */
public final class OutputLines {
  /** 64 Ki characters: longer than any readable log line. */
  public static final int MAX_LINE = 64 * 1024;

  private final Consumer<String> lines;
  private final int maxLine;
  private final StringBuilder partial = new StringBuilder();

  private OutputLines(Consumer<String> lines, int maxLine) {
    this.lines = lines;
    this.maxLine = maxLine;
  }

  /** Lines of at most {@link #MAX_LINE} characters, without their newline, to {@code lines}. */
  public static OutputLines to(Consumer<String> lines) {
    return new OutputLines(lines, MAX_LINE);
  }

  /** Adds a chunk; passes on each line it completes. */
  public void append(String text) {
    int start = 0;
    for (int newline = text.indexOf('\n'); newline >= 0; newline = text.indexOf('\n', start)) {
      add(text, start, newline);
      emit();
      start = newline + 1;
    }
    add(text, start, text.length());
  }

  /** Passes on what is left of an unfinished last line, if anything. */
  public void flush() {
    if (partial.length() > 0) {
      emit();
    }
  }

  private void add(String text, int from, int to) {
    for (int i = from; i < to; ) {
      if (partial.length() == maxLine) {
        emit(); // a full piece, and more of the same line follows
      }
      int n = Math.min(to - i, maxLine - partial.length());
      partial.append(text, i, i + n);
      i += n;
    }
  }

  private void emit() {
    String line = partial.toString();
    partial.setLength(0);
    lines.accept(line);
  }
}
