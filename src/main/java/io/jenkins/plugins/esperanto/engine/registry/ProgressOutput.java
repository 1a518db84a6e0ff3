package io.jenkins.plugins.esperanto.engine.registry;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Where push and pull progress goes: a live line redrawn in place on a terminal, one line
 * every few seconds plus one per finished layer in a log (CI, Jenkins), or nowhere.
 */
public final class ProgressOutput {
  enum Mode { TERMINAL, LINES, SILENT }

  private final Mode mode;
  private final Consumer<String> lines;
  private final PrintWriter terminal;
  private final Duration interval;

  private ProgressOutput(Mode mode, Consumer<String> lines, PrintWriter terminal, Duration interval) {
    this.mode = mode;
    this.lines = lines;
    this.terminal = terminal;
    this.interval = interval;
  }

  /** One line per finished layer, and a summary line every {@code interval}, to {@code sink}. */
  public static ProgressOutput lines(Consumer<String> sink, Duration interval) {
    return new ProgressOutput(Mode.LINES, Objects.requireNonNull(sink), null, interval);
  }

  /** A live line, redrawn in place with a carriage return, on {@code out}. */
  public static ProgressOutput terminal(PrintWriter out) {
    PrintWriter writer = Objects.requireNonNull(out);
    return new ProgressOutput(Mode.TERMINAL, line -> {
      writer.println(line);
      writer.flush();
    }, writer, Duration.ofMillis(100));
  }

  /** {@link #terminal} when this process has a console, else {@link #lines} every 10 seconds. */
  public static ProgressOutput forConsole(PrintWriter out) {
    if (System.console() != null) {
      return terminal(out);
    }
    return lines(line -> {
      out.println(line);
      out.flush();
    }, Duration.ofSeconds(10));
  }

  /** No progress at all. */
  public static ProgressOutput silent() {
    return new ProgressOutput(Mode.SILENT, line -> { }, null, Duration.ZERO);
  }

  Mode mode() {
    return mode;
  }

  Duration interval() {
    return interval;
  }

  /** A whole line (notices, layer completions, the final summary). */
  void line(String text) {
    if (mode == Mode.TERMINAL) {
      terminal.print("\r\033[K");
    }
    lines.accept(text);
  }

  /** Redraws the live line; only on a terminal. */
  void live(String text) {
    if (mode == Mode.TERMINAL) {
      terminal.print("\r\033[K" + text);
      terminal.flush();
    }
  }

  @Override
  public String toString() {
    return "progress " + mode.name().toLowerCase(java.util.Locale.ROOT);
  }
}
