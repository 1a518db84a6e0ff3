package io.jenkins.plugins.esperanto.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bad input, end to end through the real command: one line on stderr that names the file,
 * field or value, a non-zero exit, and nothing left behind.
 */
class CliBadInputTest {
  private static final String FIXTURE = "esperanto-fixture/busybox:latest";

  @TempDir Path workspace;
  private String id;
  private String repository;
  private CliProcess cli;

  @BeforeEach
  void setUp() {
    id = UUID.randomUUID().toString().substring(0, 8);
    repository = "esperanto-clitest-" + id;
    cli = new CliProcess(workspace, Map.of("ESPERANTO_REPOSITORY", repository));
  }

  private void write(String relative, String content) throws Exception {
    Path file = workspace.resolve(relative);
    Files.createDirectories(file.getParent());
    Files.writeString(file, content, StandardCharsets.UTF_8);
  }

  private void assertOneLineFailure(CliProcess.Result result, String expected) {
    assertThat(result.exitCode()).as(result.toString()).isNotZero();
    assertThat(result.stderr().strip().lines()).as(result.toString()).hasSize(1);
    assertThat(result.stderr()).as(result.toString()).startsWith("esperanto: ").contains(expected)
        .doesNotContain("Exception", "\tat ");
    assertThat(result.stdout()).isEmpty();
  }

  @Test
  void unknownImage() throws Exception {
    write("images/base/Docker/Dockerfile", "FROM " + FIXTURE + "\n");
    assertOneLineFailure(cli.run("build", "nothere"), "Unknown image 'nothere'");
  }

  @Test
  void invalidName() throws Exception {
    write("images/base/Docker/Dockerfile", "FROM " + FIXTURE + "\n");
    assertOneLineFailure(cli.run("run", "../base", "--", "true"), "Invalid image name '../base'");
  }

  @Test
  void malformedYaml() throws Exception {
    write("images/base/Docker/Dockerfile", "FROM " + FIXTURE + "\n");
    write("images/base/image.yaml", "run:\n  env: [unclosed\n");
    assertOneLineFailure(cli.run("key", "base"), "images/base/image.yaml:3: malformed YAML");
  }

  @Test
  void unknownKey() throws Exception {
    write("images/base/Docker/Dockerfile", "FROM " + FIXTURE + "\n");
    write("images/base/image.yaml", "description: x\nbuild:\n  squish: all\n");
    assertOneLineFailure(cli.run("build", "base"), "images/base/image.yaml:3: unknown key 'build.squish'");
  }

  @Test
  void wrongType() throws Exception {
    write("images/base/Docker/Dockerfile", "FROM " + FIXTURE + "\n");
    write("images/base/image.yaml", "run:\n  read_only: sometimes\n");
    assertOneLineFailure(cli.run("build", "base"), "images/base/image.yaml:2: 'run.read_only' must be true or false");
  }

  @Test
  void missingDockerfile() throws Exception {
    write("images/base/image.yaml", "description: x\n");
    assertOneLineFailure(cli.run("build", "base"), "images/base/Docker/Dockerfile: missing");
  }

  @Test
  void cycle() throws Exception {
    write("images/a/Docker/Dockerfile", "FROM esperanto/b\n");
    write("images/b/Docker/Dockerfile", "FROM esperanto/a\n");
    assertOneLineFailure(cli.run("build", "--all"), "cycle: a -> b -> a");
  }

  @Test
  void dockerfileSyntaxError_tagsNothing() throws Exception {
    write("images/bad/Docker/Dockerfile", "FROM " + FIXTURE + "\nCOPPY x /x\n");
    CliProcess.Result result = cli.run("build", "bad");
    assertThat(result.exitCode()).isNotZero();
    assertThat(result.stderr().lines().filter(l -> l.startsWith("esperanto: "))).singleElement()
        .asString().contains("Tried to build image 'bad'").contains("unknown instruction: COPPY");
    assertThat(Docker.tags(repository)).isEmpty();
  }

  @Test
  void failingRun_saysWhichStep_tagsNothing() throws Exception {
    write("images/bad/Docker/Dockerfile", "FROM " + FIXTURE + "\nRUN echo step-two\nRUN false\n");
    CliProcess.Result result = cli.run("build", "bad");
    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.stderr()).contains("step-two");
    assertThat(result.stderr().lines().filter(l -> l.startsWith("esperanto: "))).singleElement()
        .asString().containsPattern("step 'Step 3/\\d+ : RUN false' failed").contains("non-zero code: 1");
    assertThat(Docker.tags(repository)).isEmpty();
  }

  @Test
  void unknownNamedCommand() throws Exception {
    write("images/base/Docker/Dockerfile", "FROM " + FIXTURE + "\n");
    write("images/base/image.yaml", "commands:\n  test: 'true'\n");
    assertOneLineFailure(cli.run("run", "base", "tset"),
        "Image 'base' has no command named 'tset'; its commands: test");
  }

  @Test
  void noDockerDaemon_answersWithinTwoSeconds() throws Exception {
    write("images/base/Docker/Dockerfile", "FROM " + FIXTURE + "\n");
    CliProcess noDaemon = new CliProcess(workspace, Map.of("DOCKER_HOST", "unix://" + workspace.resolve("no.sock")));
    CliProcess.Result result = noDaemon.run("build", "base");
    assertOneLineFailure(result, "Tried to reach the Docker Engine at unix://" + workspace.resolve("no.sock"));
    assertThat(result.stderr()).contains("(from DOCKER_HOST)", "point DOCKER_HOST at a running daemon");
    // whole process, JVM start included; the daemon check itself is bounded at 2 s
    assertThat(result.millis()).isLessThan(5_000);
  }

  @Test
  void noDockerDaemonAtFlaggedAddress_namesTheFlag() throws Exception {
    write("images/base/Docker/Dockerfile", "FROM " + FIXTURE + "\n");
    CliProcess.Result result = cli.run("build", "--docker-host", "unix:///nonexistent.sock", "base");
    assertOneLineFailure(result, "Tried to reach the Docker Engine at unix:///nonexistent.sock (given with --docker-host)"
        + " but it did not answer; start a daemon there or give --docker-host the address of a running one");
    assertThat(result.stderr()).doesNotContain("DOCKER_HOST");
  }

  @Test
  void gc_noDockerDaemonAtFlaggedAddress_namesTheFlag() throws Exception {
    CliProcess.Result result = cli.run("gc", "--host", "unix:///nonexistent.sock");
    assertOneLineFailure(result, "at unix:///nonexistent.sock (given with --host)");
    assertThat(result.stderr()).contains("give --host the address").doesNotContain("DOCKER_HOST");
  }

  @Test
  void workspaceMissing_leavesNoContainer() throws Exception {
    write("images/base/Docker/Dockerfile", "FROM " + FIXTURE + "\n");
    CliProcess.Result result = cli.run("run", "--workspace", workspace.resolve("gone").toString(), "base", "--", "true");
    assertOneLineFailure(result, "Workspace " + workspace.resolve("gone") + " does not exist");
    assertThat(Docker.containersLabelled("io.esperanto.image", repository)).isEmpty();
  }

  @Test
  void missingSubcommand_isUsageError() throws Exception {
    CliProcess.Result result = cli.run();
    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.stderr()).contains("Missing subcommand");
  }
}
