package io.jenkins.plugins.esperanto.engine.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A run's container is removed when its JVM gets SIGTERM (Ctrl-C and kill do the same). */
class RunContainerStepShutdownTest {
  @RegisterExtension static final DockerFixture fixture = DockerFixture.connect();

  @Test
  void sigterm_removesTheContainer() throws Exception {
    String java = ProcessHandle.current().info().command().orElse("java");
    Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
            RunContainerMain.class.getName(), fixture.runId, "sleep", "60")
        .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    try {
      awaitRunningContainer();

      child.destroy(); // SIGTERM

      assertThat(child.waitFor(20, TimeUnit.SECONDS)).isTrue();
      assertThat(fixture.containers()).isEmpty();
    } finally {
      child.destroyForcibly();
    }
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
