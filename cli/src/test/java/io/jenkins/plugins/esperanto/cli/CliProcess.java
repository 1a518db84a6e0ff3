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
  private final List<String> prefix;
  private final String classpath;

  CliProcess(Path workdir, Map<String, String> env) {
    this(workdir, env, List.of(), System.getProperty("java.class.path"));
  }

  private CliProcess(Path workdir, Map<String, String> env, List<String> prefix, String classpath) {
    this.workdir = workdir;
    this.env = env;
    this.prefix = prefix;
    this.classpath = classpath;
  }

  /**
   * The same command run as another (numeric) user, through util-linux's setpriv. The test
   * JVM's classpath lives under /root, which that user cannot read: it is copied to
   * {@code readableCopy} first.
   */
  CliProcess asUser(int uid, int gid, List<Integer> groups, Path readableCopy) throws IOException {
    List<String> entries = new ArrayList<>();
    int i = 0;
    for (String entry : classpath.split(File.pathSeparator)) {
      Path source = Path.of(entry);
      if (!Files.exists(source)) {
        continue;
      }
      Path target = readableCopy.resolve((i++) + "-" + source.getFileName());
      copyTree(source, target);
      entries.add(target.toString());
    }
    List<String> setpriv = new ArrayList<>(List.of("setpriv", "--reuid=" + uid, "--regid=" + gid));
    setpriv.add(groups.isEmpty() ? "--clear-groups"
        : "--groups=" + String.join(",", groups.stream().map(String::valueOf).toList()));
    return new CliProcess(workdir, env, setpriv, String.join(File.pathSeparator, entries));
  }

  /** The same command with {@code names} removed from its environment (as {@code env -u}). */
  CliProcess unsetting(String... names) {
    List<String> command = new ArrayList<>(prefix);
    command.add("env");
    for (String name : names) {
      command.add("-u");
      command.add(name);
    }
    return new CliProcess(workdir, env, command, classpath);
  }

  private static void copyTree(Path source, Path target) throws IOException {
    try (var paths = Files.walk(source)) {
      for (Path path : (Iterable<Path>) paths::iterator) {
        Path to = target.resolve(source.relativize(path).toString());
        if (Files.isDirectory(path)) {
          Files.createDirectories(to);
        } else {
          Files.copy(path, to);
        }
        to.toFile().setReadable(true, false);
        if (Files.isDirectory(to)) {
          to.toFile().setExecutable(true, false);
        }
      }
    }
  }

  /** The child's command line, for a test that starts it through another program (a terminal). */
  List<String> command(List<String> args) {
    List<String> command = new ArrayList<>(prefix);
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-cp");
    command.add(classpath);
    command.add(Main.class.getName());
    command.addAll(args);
    return command;
  }

  Process start(List<String> args) throws IOException {
    ProcessBuilder builder = new ProcessBuilder(command(args)).directory(workdir.toFile());
    builder.environment().putAll(env);
    return builder.start();
  }

  /** Starts the command with stdout and stderr both written to {@code log}, stdin left open. */
  Process startLogged(Path log, List<String> args) throws IOException {
    ProcessBuilder builder = new ProcessBuilder(command(args)).directory(workdir.toFile())
        .redirectErrorStream(true).redirectOutput(log.toFile());
    builder.environment().putAll(env);
    return builder.start();
  }

  Result run(String... args) throws IOException, InterruptedException {
    Path out = Files.createTempFile("esperanto-out", ".txt");
    Path err = Files.createTempFile("esperanto-err", ".txt");
    try {
      ProcessBuilder builder = new ProcessBuilder(command(List.of(args))).directory(workdir.toFile())
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
