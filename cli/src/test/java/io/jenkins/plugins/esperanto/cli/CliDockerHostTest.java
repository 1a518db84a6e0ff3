package io.jenkins.plugins.esperanto.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --docker-host} reaches every connection to the Engine, the hijacked attach of {@code run -i}
 * included, and {@code DOCKER_HOST} none of them; when the attach connection cannot be made, the run
 * fails with one line naming the address, rather than quietly using another connection.
 */
class CliDockerHostTest {
  private static final String FIXTURE = "esperanto-fixture/busybox:latest";
  private static final String DAEMON = "unix:///var/run/docker.sock";

  @TempDir Path workspace;
  private String repository;
  private String image;

  @BeforeEach
  void setUp() throws Exception {
    String id = UUID.randomUUID().toString().substring(0, 8);
    repository = "esperanto-hosttest-" + id;
    image = "tools-" + id;
    Path docker = workspace.resolve("images/" + image + "/Docker");
    Files.createDirectories(docker);
    Files.writeString(docker.resolve("Dockerfile"), "FROM " + FIXTURE + "\n");
  }

  @AfterEach
  void tearDown() throws Exception {
    Docker.removeTags(repository);
  }

  @Test
  void run_interactive_attachesThroughTheFlag_neverDockerHost() throws Exception {
    try (PausingDockerProxy elsewhere = proxy("elsewhere.sock", "(?!)")) {
      CliProcess cli = new CliProcess(workspace,
          Map.of("ESPERANTO_REPOSITORY", repository, "DOCKER_HOST", elsewhere.dockerHost()));

      // `cat` ends only when the end of stdin arrives: the hijacked attach carried it
      CliProcess.Result result = cli.run("run", "--docker-host", DAEMON, "-i", image, "--", "sh", "-c", "cat; echo hi");

      assertThat(elsewhere.connections()).as("connections to DOCKER_HOST").isZero();
      assertThat(result.exitCode()).as(result.toString()).isZero();
      assertThat(result.stdout()).isEqualTo("hi\n");
    }
  }

  @Test
  void run_interactive_attachRefusedAtTheFlag_failsInOneLine_noFallback() throws Exception {
    // the engine named by --docker-host drops the attach request; DOCKER_HOST names a working engine
    try (PausingDockerProxy flagged = proxy("flagged.sock", "POST \\S*/containers/\\S+/attach\\S* HTTP/1\\.1").cutting()) {
      CliProcess cli = new CliProcess(workspace, Map.of("ESPERANTO_REPOSITORY", repository, "DOCKER_HOST", DAEMON));

      CliProcess.Result result =
          cli.run("run", "--docker-host", flagged.dockerHost(), "-i", image, "--", "sh", "-c", "cat; echo hi");

      assertThat(flagged.awaitHeld(0)).as("the attach request reached --docker-host").isTrue();
      assertThat(result.exitCode()).as(result.toString()).isEqualTo(1);
      assertThat(result.stdout()).isEmpty();
      assertThat(result.stderr().lines().filter(line -> line.startsWith("esperanto: ")))
          .as(result.toString())
          .singleElement()
          .satisfies(line -> assertThat(line).startsWith("esperanto: Tried to attach to container ")
              .contains(" of '" + repository + "/" + image)
              .contains("at " + flagged.dockerHost() + " but "));
      assertThat(Docker.containersLabelled("io.esperanto.image", repository + "/")).isEmpty();
    }
  }

  @Test
  void run_dockerHostNotAnAddress_oneLine() throws Exception {
    CliProcess cli = new CliProcess(workspace, Map.of("ESPERANTO_REPOSITORY", repository));

    CliProcess.Result result = cli.run("run", "--docker-host", "docker.example:2375", image, "--", "true");

    assertThat(result.exitCode()).as(result.toString()).isEqualTo(1);
    assertThat(result.stderr()).isEqualTo("esperanto: Tried to use 'docker.example:2375' (given with --docker-host)"
        + " as the Docker Engine address but it is not one; expected unix:///path/to/docker.sock or tcp://host:port\n");
  }

  private PausingDockerProxy proxy(String name, String hold) throws Exception {
    return new PausingDockerProxy(workspace.resolve(name), Pattern.compile(hold));
  }
}
