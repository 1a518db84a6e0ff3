package io.jenkins.plugins.esperanto.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Builds of one content key from separate processes at once (issue 10, item 13), as a CLI and a
 * job, or two jobs, on one agent would start them: one builds, the others wait and reuse it.
 */
class ConcurrentBuildCliTest {
  private static final int PROCESSES = 3;
  private static final String FIXTURE = "esperanto-fixture/busybox:latest";

  @TempDir Path temp;
  private final String id = UUID.randomUUID().toString().substring(0, 8);
  private final String repository = "esperanto-test-" + id;
  private final String name = "cc-" + id;

  @AfterEach
  void removeImages() throws Exception {
    Docker.removeTags(repository);
    Docker.removeTags("esperanto/" + name);
    Docker.removeImagesOf(name);
  }

  @Test
  void build_sameKeyInSeveralProcessesAtOnce_buildsOnceAndEverySquashedBuildSucceeds() throws Exception {
    Path docker = Files.createDirectories(temp.resolve("images/" + name + "/Docker"));
    Files.writeString(docker.resolve("Dockerfile"),
        "FROM " + FIXTURE + "\nRUN sleep 2 && echo a > /a\nRUN rm /a && echo b > /b\n");
    Files.writeString(docker.getParent().resolve("image.yaml"), "build:\n  squash: own\n");
    CliProcess cli = new CliProcess(temp, Map.of());

    List<CliProcess.Result> results = new ArrayList<>();
    ExecutorService pool = Executors.newFixedThreadPool(PROCESSES);
    try {
      List<Future<CliProcess.Result>> running = new ArrayList<>();
      for (int i = 0; i < PROCESSES; i++) {
        running.add(pool.submit(() -> cli.run("build", name, "--catalog", temp.resolve("images").toString(),
            "--repository", repository)));
      }
      for (Future<CliProcess.Result> result : running) {
        results.add(result.get());
      }
    } finally {
      pool.shutdownNow();
    }

    assertThat(results).as("%s", results).allMatch(result -> result.exitCode() == 0);
    assertThat(results).filteredOn(result -> result.stdout().contains(" built ")).as("%s", results).hasSize(1);
    assertThat(results).filteredOn(result -> result.stdout().contains(" up-to-date ")).hasSize(PROCESSES - 1);
    assertThat(results).filteredOn(result -> result.stderr().contains("waiting for it")).hasSize(PROCESSES - 1);
    assertThat(results.stream().map(result -> result.stdout().trim().split("\\s+")[2]).distinct()).hasSize(1);
  }
}
