package io.jenkins.plugins.esperanto.engine.run;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * This process's controlling terminal, switched to raw mode (no echo, no line editing, no
 * signals from Ctrl-C) for an interactive container and restored afterwards, also when the JVM
 * is stopped by a signal (SIGTERM, SIGHUP) while it is raw: a shutdown hook restores it then.
 * Uses {@code stty} on {@code /dev/tty}; without a terminal (CI, pipes) nothing is changed.
 */
final class HostTerminal implements AutoCloseable {
  private static final File TTY = new File("/dev/tty");

  private final String savedSettings;
  private final Thread restoreOnShutdown;

  private HostTerminal(String savedSettings) {
    this.savedSettings = savedSettings;
    this.restoreOnShutdown = new Thread(() -> stty(savedSettings), "esperanto-restore-terminal");
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
    if (saved.isEmpty()) {
      return none();
    }
    HostTerminal terminal = new HostTerminal(saved.get());
    Runtime.getRuntime().addShutdownHook(terminal.restoreOnShutdown);
    if (stty("raw", "-echo").isEmpty()) {
      terminal.close();
      return none();
    }
    return terminal;
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
      try {
        Runtime.getRuntime().removeShutdownHook(restoreOnShutdown);
      } catch (IllegalStateException e) {
        // the JVM is shutting down: the hook restores the same settings once more, harmlessly
      }
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
