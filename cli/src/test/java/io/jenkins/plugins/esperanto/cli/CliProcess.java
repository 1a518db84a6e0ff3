package io.jenkins.plugins.esperanto.cli;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs the real {@code esperanto} command in a child JVM, as a user would: its own process,
 * exit code, stdout and stderr kept apart, and signals delivered to it.
 */
final class CliProcess {
  private final Path workdir;
  private final Map<String, String> env;

  CliProcess(Path workdir, Map<String, String> env) {
    this.workdir = workdir;
    this.env = env;
  }

  Process start(List<String> args) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(Main.class.getName());
    command.addAll(args);
    ProcessBuilder builder = new ProcessBuilder(command).directory(workdir.toFile());
    builder.environment().putAll(env);
    return builder.start();
  }

  Result run(String... args) throws IOException, InterruptedException {
    Path out = Files.createTempFile("esperanto-out", ".txt");
    Path err = Files.createTempFile("esperanto-err", ".txt");
    try {
      List<String> command = new ArrayList<>();
      command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
      command.add("-cp");
      command.add(System.getProperty("java.class.path"));
      command.add(Main.class.getName());
      command.addAll(List.of(args));
      ProcessBuilder builder = new ProcessBuilder(command).directory(workdir.toFile())
          .redirectOutput(out.toFile()).redirectError(err.toFile()).redirectInput(new File("/dev/null"));
      builder.environment().putAll(env);
      long start = System.nanoTime();
      Process process = builder.start();
      if (!process.waitFor(5, TimeUnit.MINUTES)) {
        process.destroyForcibly();
        throw new AssertionError("esperanto " + String.join(" ", args) + " did not finish in 5 minutes");
      }
      return new Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
          Files.readString(err, StandardCharsets.UTF_8), (System.nanoTime() - start) / 1_000_000);
    } finally {
      Files.deleteIfExists(out);
      Files.deleteIfExists(err);
    }
  }

  record Result(int exitCode, String stdout, String stderr, long millis) {
    @Override
    public String toString() {
      return "exit " + exitCode + "\n--- stdout\n" + stdout + "--- stderr\n" + stderr;
    }
  }
}
