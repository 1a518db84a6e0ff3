package io.jenkins.plugins.esperanto.engine.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A run's container is removed when its JVM gets SIGTERM (Ctrl-C and kill do the same); after a
 * SIGKILL, which no JVM can handle, the reaper removes it and its account folder.
 */
class RunContainerStepShutdownTest {
  @RegisterExtension static final DockerFixture fixture = DockerFixture.connect();

  @Test
  void sigterm_removesTheContainer() throws Exception {
    Process child = startChild("rw");
    try {
      awaitRunningContainer();

      child.destroy(); // SIGTERM

      assertThat(child.waitFor(20, TimeUnit.SECONDS)).isTrue();
      assertThat(fixture.containers()).isEmpty();
    } finally {
      child.destroyForcibly();
    }
  }

  @Test
  void sigkill_leavesAnOrphanThatTheReaperRemovesWithItsAccountFolder() throws Exception {
    Process child = startChild("ro");
    try {
      awaitRunningContainer();
      String id = fixture.containers().get(0);
      java.nio.file.Path accounts = java.nio.file.Path.of(fixture.docker.inspectContainerCmd(id).exec()
          .getConfig().getLabels().get(ContainerLabels.ACCOUNTS_DIR));

      child.destroyForcibly(); // SIGKILL
      assertThat(child.waitFor(20, TimeUnit.SECONDS)).isTrue();
      assertThat(fixture.containers()).containsExactly(id);
      assertThat(accounts).exists();

      assertThat(ContainerReaper.reap(fixture.docker, line -> { })).contains(id);
      assertThat(fixture.containers()).isEmpty();
      assertThat(accounts).doesNotExist();
    } finally {
      child.destroyForcibly();
    }
  }

  private static Process startChild(String rootMode) throws java.io.IOException {
    String java = ProcessHandle.current().info().command().orElse("java");
    return new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
            RunContainerMain.class.getName(), fixture.runId, rootMode, "sleep", "60")
        .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
  }

  private void awaitRunningContainer() throws InterruptedException {
    for (int i = 0; i < 300; i++) {
      List<String> ids = fixture.containers();
      if (!ids.isEmpty()
          && Boolean.TRUE.equals(fixture.docker.inspectContainerCmd(ids.get(0)).exec().getState().getRunning())) {
        return;
      }
      Thread.sleep(50);
    }
    throw new AssertionError("the child JVM never started its container");
  }
}
