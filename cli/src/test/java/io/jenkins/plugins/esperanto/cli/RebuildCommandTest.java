package io.jenkins.plugins.esperanto.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.Container;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code esperanto rebuild} end to end, in a child JVM, against the real Docker Engine. */
class RebuildCommandTest {
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

  @AfterEach
  void tearDown() throws Exception {
    Docker.removeTags(repository);
    Docker.removeTags("esperanto/ok-" + id);
    Docker.removeTags("esperanto/slow-" + id);
  }

  private void write(String relative, String content) throws Exception {
    Path file = workspace.resolve(relative);
    Files.createDirectories(file.getParent());
    Files.writeString(file, content, StandardCharsets.UTF_8);
  }

  @Test
  void rebuild_failingImage_exitsNonZeroAfterBuildingTheOthersAndWritesReports() throws Exception {
    write("images/ok-" + id + "/Docker/Dockerfile", "FROM " + FIXTURE + "\nRUN echo ok > /ok.txt\n");
    write("images/bad-" + id + "/Docker/Dockerfile", "FROM " + FIXTURE + "\nRUN exit 7\n");
    write("images/child-" + id + "/Docker/Dockerfile", "FROM esperanto/bad-" + id + "\nRUN true\n");

    CliProcess.Result dry = cli.run("rebuild", "--all", "--dry-run");
    assertThat(dry.exitCode()).as(dry.toString()).isZero();
    assertThat(dry.stdout()).contains("Rebuild plan: 3 of 3 image(s) to build", "no image for this key",
        "builds FROM a rebuilt image");
    assertThat(Docker.tags(repository)).isEmpty();

    CliProcess.Result result = cli.run("rebuild", "--all", "--parallel", "2", "--report-dir", "reports");

    assertThat(result.exitCode()).as(result.toString()).isEqualTo(1);
    assertThat(result.stdout()).containsPattern("ok-" + id + " +built")
        .containsPattern("bad-" + id + " +failed")
        .containsPattern("child-" + id + " +skipped")
        .contains("3 image(s): 0 up-to-date, 0 pulled, 1 built, 1 failed, 1 skipped");
    assertThat(Docker.tags(repository)).hasSize(1).allMatch(t -> t.startsWith(repository + "/ok-" + id + ":"));
    assertThat(workspace.resolve("reports")).isDirectoryContaining("glob:**/rebuild-report.json")
        .isDirectoryContaining("glob:**/rebuild-junit.xml").isDirectoryContaining("glob:**/rebuild-report.html")
        .isDirectoryContaining("glob:**/rebuild-report.txt");

    CliProcess.Result again = cli.run("rebuild", "ok-" + id);
    assertThat(again.exitCode()).as(again.toString()).isZero();
    assertThat(again.stdout()).containsPattern("ok-" + id + " +up-to-date");
  }

  @Test
  void rebuild_namedBase_plansTheImagesBuiltFromIt() throws Exception {
    write("images/ok-" + id + "/Docker/Dockerfile", "FROM " + FIXTURE + "\nRUN echo base > /base.txt\n");
    write("images/child-" + id + "/Docker/Dockerfile", "FROM esperanto/ok-" + id + "\nRUN true\n");
    write("images/grandchild-" + id + "/Docker/Dockerfile", "FROM esperanto/child-" + id + "\nRUN true\n");
    write("images/unrelated-" + id + "/Docker/Dockerfile", "FROM " + FIXTURE + "\nRUN true\n");

    CliProcess.Result dry = cli.run("rebuild", "--dry-run", "ok-" + id);

    assertThat(dry.exitCode()).as(dry.toString()).isZero();
    assertThat(dry.stdout()).contains("Rebuild plan: 3 of 3 image(s) to build", "child-" + id, "grandchild-" + id)
        .doesNotContain("unrelated-" + id);
  }

  @Test
  void rebuild_terminated_leavesNoTagAndNoBuildContainer() throws Exception {
    String token = "esperanto-slow-" + id;
    write("images/slow-" + id + "/Docker/Dockerfile", "FROM " + FIXTURE + "\nRUN echo " + token + " && sleep 120\n");
    Process process = cli.start(List.of("rebuild", "--all"));
    CountDownLatch building = new CountDownLatch(1);
    Thread reader = new Thread(() -> {
      try (BufferedReader err = new BufferedReader(new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8))) {
        for (String line = err.readLine(); line != null; line = err.readLine()) {
          if (line.contains("Step 2/") && line.contains(token)) {
            building.countDown();
          }
        }
      } catch (java.io.IOException e) {
        // the process ended
      }
    });
    reader.start();
    try {
      assertThat(building.await(120, TimeUnit.SECONDS)).as("the build reached its RUN step").isTrue();
      assertThat(waitFor(() -> !buildContainers(token).isEmpty(), 30)).as("the RUN container started").isTrue();

      process.destroy(); // SIGTERM
      assertThat(process.waitFor(90, TimeUnit.SECONDS)).as("rebuild stopped after SIGTERM").isTrue();
    } finally {
      process.destroyForcibly();
    }

    assertThat(Docker.tags(repository)).isEmpty();
    assertThat(Docker.tags("esperanto/slow-" + id)).isEmpty();
    assertThat(waitFor(() -> buildContainers(token).isEmpty(), 30))
        .as("build containers left: %s", buildContainers(token)).isTrue();
  }

  @Test
  void prune_keepsTheNewestKeyTagOfEachImage() throws Exception {
    String image = "ok-" + id;
    List<String> tags = new java.util.ArrayList<>();
    for (String version : List.of("one", "two")) {
      write("images/" + image + "/Docker/Dockerfile", "FROM " + FIXTURE + "\nRUN echo " + version + " > /v.txt\n");
      CliProcess.Result built = cli.run("rebuild", image);
      assertThat(built.exitCode()).as(built.toString()).isZero();
      tags.add(Docker.tags(repository).stream().filter(t -> !tags.contains(t)).findFirst().orElseThrow());
      Thread.sleep(1100); // image creation times have one-second resolution
    }

    CliProcess.Result dry = cli.run("prune", "--keep", "1", "--dry-run");
    assertThat(dry.exitCode()).as(dry.toString()).isZero();
    assertThat(dry.stdout()).contains("would-remove local    " + tags.get(0), "keep         local    " + tags.get(1),
        "would remove 1 tag(s), kept up to 1 per image");
    assertThat(Docker.tags(repository)).containsExactlyInAnyOrderElementsOf(tags);

    CliProcess.Result pruned = cli.run("prune", "--keep", "1");
    assertThat(pruned.exitCode()).as(pruned.toString()).isZero();
    assertThat(Docker.tags(repository)).containsExactly(tags.get(1));
  }

  private static List<Container> buildContainers(String token) throws Exception {
    try (DockerClient docker = Docker.client()) {
      return docker.listContainersCmd().withShowAll(true).exec().stream()
          .filter(c -> c.getCommand() != null && c.getCommand().contains(token)).toList();
    }
  }

  private interface Condition {
    boolean holds() throws Exception;
  }

  private static boolean waitFor(Condition condition, int seconds) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    while (System.nanoTime() < deadline) {
      if (condition.holds()) {
        return true;
      }
      Thread.sleep(250);
    }
    return condition.holds();
  }
}
