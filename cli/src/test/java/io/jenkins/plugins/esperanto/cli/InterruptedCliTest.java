package io.jenkins.plugins.esperanto.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.api.DockerClient;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Ctrl-C (SIGINT) and SIGTERM in every phase of a real child {@code esperanto} process (issue 10,
 * item 14): no {@code esperanto-*} temporary file is left in its temporary folder, no container
 * labelled as its own is left, the exit status is the signal's, and the terminal mode is restored.
 * Each phase is pinned either by what it produces (the context archive), by the build's own
 * output ({@code RUN sleep}), or by a proxy in front of the daemon that holds the phase's request.
 */
class InterruptedCliTest {
  private static final String FIXTURE = "esperanto-fixture/busybox:latest";

  @TempDir Path temp;
  private final String id = UUID.randomUUID().toString().substring(0, 8);
  private final String repository = "esperanto-test-" + id;
  private final String name = "sig-" + id;
  private Path tmp;
  private Path log;

  @BeforeEach
  void setUp() throws IOException {
    tmp = Files.createDirectories(temp.resolve("tmp"));
    log = temp.resolve("cli.log");
  }

  @AfterEach
  void removeImages() throws Exception {
    Docker.removeTags(repository);
    Docker.removeTags("esperanto/" + name);
    Docker.removeTags("127.0.0.1:5999/" + repository);
    Docker.removeImagesOf(name);
  }

  @ParameterizedTest
  @ValueSource(strings = {"INT", "TERM"})
  void context_signalWhileWritingTheArchive_leavesNothing(String signal) throws Exception {
    Path docker = image("FROM " + FIXTURE + "\nCOPY big /big\n", "");
    try (RandomAccessFile big = new RandomAccessFile(docker.resolve("big").toFile(), "rw")) {
      big.setLength(768L << 20); // sparse: cheap to make, slow enough to archive
    }
    Process cli = start(Optional.empty(), "build", name);
    awaitUntil(() -> !esperantoFiles(tmp, "esperanto-context-").isEmpty(), "a context archive");

    stopAndCheck(cli, signal);
  }

  @ParameterizedTest
  @ValueSource(strings = {"INT", "TERM"})
  void build_signalWhileARunStepRuns_leavesNothing(String signal) throws Exception {
    image("FROM " + FIXTURE + "\nRUN echo started && sleep 30\n", "");
    Process cli = start(Optional.empty(), "build", name);
    awaitUntil(() -> Files.readString(log).contains("started"), "the RUN step");

    stopAndCheck(cli, signal);
  }

  @ParameterizedTest
  @ValueSource(strings = {"INT", "TERM"})
  void squash_signalWhileSaving_leavesNothing(String signal) throws Exception {
    image("FROM " + FIXTURE + "\nRUN echo a > /a\nRUN echo b > /b\n", "build:\n  squash: own\n");
    try (PausingDockerProxy proxy = proxy("GET \\S*/images/\\S*get\\S* HTTP/1.1")) {
      Process cli = start(Optional.of(proxy), "build", name);
      awaitHeld(proxy, cli);
      assertThat(esperantoFiles(tmp, "esperanto-squash-")).as("squashing").isNotEmpty();

      stopAndCheck(cli, signal);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"INT", "TERM"})
  void push_signalWhilePushing_leavesNothing(String signal) throws Exception {
    String reference = "127.0.0.1:5999/" + repository + "/p:t";
    try (DockerClient docker = Docker.client()) {
      docker.tagImageCmd(FIXTURE, "127.0.0.1:5999/" + repository + "/p", "t").exec();
    }
    try (PausingDockerProxy proxy = proxy("POST \\S*/images/\\S*/push\\S* HTTP/1.1")) {
      Process cli = start(Optional.of(proxy), "push", reference);
      awaitHeld(proxy, cli);

      stopAndCheck(cli, signal);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"INT", "TERM"})
  void pull_signalWhilePulling_leavesNothing(String signal) throws Exception {
    try (PausingDockerProxy proxy = proxy("POST \\S*/images/create\\S* HTTP/1.1")) {
      Process cli = start(Optional.of(proxy), "pull", "127.0.0.1:5999/" + repository + "/p:t");
      awaitHeld(proxy, cli);

      stopAndCheck(cli, signal);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"INT", "TERM"})
  void run_signalWhileTheContainerIsBeingCreated_removesIt(String signal) throws Exception {
    image("FROM " + FIXTURE + "\n", "");
    // the user's accounts are written into the created container before it starts
    try (PausingDockerProxy proxy = proxy("PUT \\S*/containers/\\S*/archive\\S* HTTP/1.1")) {
      Process cli = start(Optional.of(proxy), "run", name, "--", "true");
      awaitHeld(proxy, cli);
      assertThat(ownContainers(cli.pid())).as("created, not started").hasSize(1);

      stopAndCheck(cli, signal);
    }
  }

  @Test
  void run_connectionToTheDaemonLostWhileWaiting_oneLineAndNothingLeft() throws Exception {
    image("FROM " + FIXTURE + "\n", "");
    try (PausingDockerProxy proxy = proxy("POST \\S*/containers/\\S*/wait\\S* HTTP/1.1").cutting()) {
      Process cli = start(Optional.of(proxy), "run", name, "--", "sleep", "30");
      awaitHeld(proxy, cli);

      assertThat(cli.waitFor(30, TimeUnit.SECONDS)).as("ends").isTrue();
      String output = Files.readString(log, StandardCharsets.UTF_8);
      assertThat(cli.exitValue()).as(output).isEqualTo(1);
      assertThat(output).contains("lost the connection to the Docker Engine")
          .doesNotContain("internal error").doesNotContain("Exception");
      assertThat(ownContainers(cli.pid())).isEmpty();
      assertThat(esperantoFiles(tmp, "esperanto-")).isEmpty();
    }
  }

  @Test
  void shell_sigtermWhileTheTerminalIsRaw_restoresIt() throws Exception {
    image("FROM " + FIXTURE + "\n", "");
    try (PausingDockerProxy proxy = proxy("POST \\S*/containers/\\S*/start\\S* HTTP/1.1")) {
      CliProcess cli = new CliProcess(temp, env(Optional.of(proxy)));
      String esperanto = cli.command(List.of("shell", name, "--catalog", temp.resolve("images").toString(),
          "--repository", repository)).stream().map(InterruptedCliTest::quoted).collect(Collectors.joining(" "));
      String session = "stty -g > before; " + esperanto + "; stty -g > after";
      ProcessBuilder builder = new ProcessBuilder("script", "-qec", session, "/dev/null")
          .directory(temp.toFile()).redirectErrorStream(true).redirectOutput(log.toFile());
      builder.environment().putAll(env(Optional.of(proxy)));
      Process terminal = builder.start(); // its stdin stays open: no end of input in the session
      try {
        awaitHeld(proxy, terminal);
        ProcessHandle java = terminal.descendants()
            .filter(p -> p.info().command().orElse("").endsWith("/java")).findFirst().orElseThrow();
        kill("TERM", java.pid());

        assertThat(terminal.waitFor(20, TimeUnit.SECONDS)).as("session ends").isTrue();
        assertThat(Files.readString(temp.resolve("after"))).as(Files.readString(log))
            .isEqualTo(Files.readString(temp.resolve("before")));
        assertThat(ownContainers(java.pid())).isEmpty();
      } finally {
        terminal.destroyForcibly();
      }
    }
  }

  private Path image(String dockerfile, String yaml) throws IOException {
    Path docker = Files.createDirectories(temp.resolve("images/" + name + "/Docker"));
    Files.writeString(docker.resolve("Dockerfile"), dockerfile);
    Files.writeString(docker.getParent().resolve("image.yaml"), yaml);
    return docker;
  }

  private PausingDockerProxy proxy(String heldRequest) throws IOException {
    return new PausingDockerProxy(temp.resolve("docker.sock"), Pattern.compile(heldRequest));
  }

  private Map<String, String> env(Optional<PausingDockerProxy> proxy) {
    Map<String, String> env = new java.util.HashMap<>();
    env.put("JAVA_TOOL_OPTIONS", "-Djava.io.tmpdir=" + tmp);
    env.put("TMPDIR", tmp.toString());
    proxy.ifPresent(p -> env.put("DOCKER_HOST", p.dockerHost()));
    return env;
  }

  private Process start(Optional<PausingDockerProxy> proxy, String... args) throws IOException {
    List<String> all = new ArrayList<>(List.of(args));
    all.addAll(List.of("--catalog", temp.resolve("images").toString(), "--repository", repository));
    if (args[0].equals("push") || args[0].equals("pull")) {
      all = new ArrayList<>(List.of(args));
    }
    return new CliProcess(temp, env(proxy)).startLogged(log, all);
  }

  private void awaitHeld(PausingDockerProxy proxy, Process cli) throws Exception {
    for (int i = 0; i < 1200 && cli.isAlive(); i++) {
      if (proxy.awaitHeld(0)) {
        return;
      }
      Thread.sleep(50);
    }
    throw new AssertionError("the phase was never reached; output:\n" + Files.readString(log));
  }

  private void awaitUntil(Check check, String what) throws Exception {
    for (int i = 0; i < 12000; i++) {
      if (check.holds()) {
        return;
      }
      Thread.sleep(5);
    }
    throw new AssertionError(what + " never appeared; output:\n" + Files.readString(log));
  }

  private interface Check {
    boolean holds() throws IOException;
  }

  private void stopAndCheck(Process cli, String signal) throws Exception {
    kill(signal, cli.pid());
    assertThat(cli.waitFor(30, TimeUnit.SECONDS)).as("stops").isTrue();
    String output = Files.readString(log, StandardCharsets.UTF_8);
    assertThat(cli.exitValue()).as(output).isEqualTo(signal.equals("INT") ? 130 : 143);
    assertThat(esperantoFiles(tmp, "esperanto-")).as(output).isEmpty();
    assertThat(ownContainers(cli.pid())).as(output).isEmpty();
    assertThat(output).doesNotContain("Exception").doesNotContain("internal error");
  }

  private static void kill(String signal, long pid) throws Exception {
    assertThat(new ProcessBuilder("kill", "-s", signal, Long.toString(pid)).inheritIO().start().waitFor()).isZero();
  }

  private static List<Path> esperantoFiles(Path dir, String prefix) throws IOException {
    try (Stream<Path> all = Files.walk(dir)) {
      return all.filter(p -> p.getFileName().toString().startsWith(prefix)).toList();
    }
  }

  private static List<String> ownContainers(long pid) throws Exception {
    return Docker.containersLabelled("io.esperanto.owner-pid", Long.toString(pid)).stream()
        .filter(c -> c.getLabels().get("io.esperanto.owner-pid").equals(Long.toString(pid)))
        .map(c -> c.getId()).toList();
  }

  private static String quoted(String word) {
    return "'" + word.replace("'", "'\\''") + "'";
  }
}
