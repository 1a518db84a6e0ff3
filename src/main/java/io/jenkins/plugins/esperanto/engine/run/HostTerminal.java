package io.jenkins.plugins.esperanto.engine.run;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * This process's controlling terminal, switched to raw mode (no echo, no line editing, no
 * signals from Ctrl-C) for an interactive container and restored afterwards. Uses {@code stty}
 * on {@code /dev/tty}; without a terminal (CI, pipes) nothing is changed.
 */
final class HostTerminal implements AutoCloseable {
  private static final File TTY = new File("/dev/tty");

  private final String savedSettings;

  private HostTerminal(String savedSettings) {
    this.savedSettings = savedSettings;
  }

  static HostTerminal none() {
    return new HostTerminal(null);
  }

  /** Raw mode if there is a controlling terminal, otherwise {@link #none()}. */
  static HostTerminal raw() {
    if (System.console() == null || !TTY.canRead()) {
      return none();
    }
    Optional<String> saved = stty("-g");
    if (saved.isEmpty() || stty("raw", "-echo").isEmpty()) {
      return none();
    }
    return new HostTerminal(saved.get());
  }

  /** Rows and columns, when there is a terminal in raw mode. */
  Optional<int[]> size() {
    if (savedSettings == null) {
      return Optional.empty();
    }
    return stty("size").map(s -> s.split("\\s+")).filter(p -> p.length == 2)
        .map(p -> new int[] {Integer.parseInt(p[0]), Integer.parseInt(p[1])});
  }

  @Override
  public void close() {
    if (savedSettings != null) {
      stty(savedSettings);
    }
  }

  private static Optional<String> stty(String... args) {
    String[] command = new String[args.length + 1];
    command[0] = "stty";
    System.arraycopy(args, 0, command, 1, args.length);
    try {
      Process process = new ProcessBuilder(command).redirectInput(TTY).redirectErrorStream(true).start();
      String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
      return process.waitFor() == 0 ? Optional.of(out) : Optional.empty();
    } catch (IOException e) {
      return Optional.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    }
  }
}
