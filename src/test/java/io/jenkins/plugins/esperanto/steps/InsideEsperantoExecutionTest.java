package io.jenkins.plugins.esperanto.steps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import hudson.AbortException;
import hudson.FilePath;
import io.jenkins.plugins.esperanto.agent.EngineContainers;
import io.jenkins.plugins.esperanto.agent.SessionRequest;
import io.jenkins.plugins.esperanto.doubles.FakeRun;
import io.jenkins.plugins.esperanto.doubles.FakeStepContext;
import io.jenkins.plugins.esperanto.doubles.InProcessChannel;
import io.jenkins.plugins.esperanto.fixtures.TestDocker;
import io.jenkins.plugins.esperanto.engine.run.UserIdentity;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Tests for {@link InsideEsperantoExecution}: parameter checks and removal of the container. */
class InsideEsperantoExecutionTest {
  @Test
  void start_badVolume_failsWithOneLine_beforeAnyDockerWork() {
    InsideEsperantoStep step = new InsideEsperantoStep("toolchain");
    step.setVolumes(List.of("relative:/x"));

    AbortException e = assertThrows(AbortException.class,
        () -> new InsideEsperantoExecution(step, new FakeStepContext()).start());

    assertThat(e).hasMessage("insideEsperanto: volumes entry 'relative:/x' is not /host/path:/container/path or "
        + "/host/path:/container/path:ro");
  }

  @Test
  void start_badName_and_badEnv_areNamed() {
    InsideEsperantoStep badEnv = new InsideEsperantoStep("reg.example.com/team/toolchain:k1");
    badEnv.setEnv(List.of("NOVALUE"));

    assertThat(new InsideEsperantoStep("Tool Chain").problem()).get().asString()
        .startsWith("insideEsperanto: name: 'Tool Chain' is not an image name");
    assertThat(badEnv.problem()).contains("insideEsperanto: env entry 'NOVALUE' is not NAME=value");
    assertThat(new InsideEsperantoStep("reg.example.com/team/toolchain:k1").problem()).isEmpty();
  }

  @Test
  void isReference_tellsNamesFromReferences() {
    assertThat(InsideEsperantoStep.isReference("toolchain")).isFalse();
    assertThat(InsideEsperantoStep.isReference("toolchain:1")).isTrue();
    assertThat(InsideEsperantoStep.isReference("reg/team/toolchain")).isTrue();
  }

  @Test
  void labels_nameTheBlockAndTheBuild() throws Exception {
    InsideEsperantoExecution execution = new InsideEsperantoExecution(new InsideEsperantoStep("x"), new FakeStepContext());

    Map<String, String> labels = execution.labels(new FakeRun("folder/job#12"));

    assertThat(labels).containsEntry("io.esperanto.jenkins.build", "folder/job#12")
        .containsKey(EngineContainers.BLOCK_LABEL);
  }

  @Test
  void cleanupCallback_removesTheBlocksContainer_evenWhenItsIdWasNeverRecorded() throws Exception {
    try (TestDocker docker = new TestDocker(); InProcessChannel channel = new InProcessChannel()) {
      Path ws = Files.createTempDirectory("esperanto-ws");
      FakeStepContext context = new FakeStepContext();
      InsideEsperantoExecution execution = new InsideEsperantoExecution(new InsideEsperantoStep("x"), context);
      Map<String, String> labels = new HashMap<>(execution.labels(new FakeRun("job#1")));
      labels.putAll(docker.labels());
      String id = EngineContainers.start(SessionRequest.of(TestDocker.BUSYBOX, ws.toString(), ws + "@tmp", Map.of(),
          List.of(), List.of(), labels), UserIdentity.of(1234, 1234, List.of(), "builder", "builder"), line -> { });
      assertThat(docker.exists(id)).isTrue();

      execution.new Cleanup().finished(new FakeStepContext().with(FilePath.class, new FilePath(channel, ws.toString())));

      assertThat(docker.exists(id)).isFalse();
    }
  }

  @Test
  void onResume_beforeTheBodyStarted_failsTheStep_andRemovesTheBlocksContainer() throws Exception {
    try (TestDocker docker = new TestDocker(); InProcessChannel channel = new InProcessChannel()) {
      Path ws = Files.createTempDirectory("esperanto-ws");
      FakeStepContext context = new FakeStepContext().with(FilePath.class, new FilePath(channel, ws.toString()));
      InsideEsperantoExecution execution = new InsideEsperantoExecution(new InsideEsperantoStep("x"), context);
      // The start had created the container when the controller went down.
      Map<String, String> labels = new HashMap<>(execution.labels(new FakeRun("job#2")));
      labels.putAll(docker.labels());
      String id = EngineContainers.start(SessionRequest.of(TestDocker.BUSYBOX, ws.toString(), ws + "@tmp", Map.of(),
          List.of(), List.of(), labels), UserIdentity.of(1234, 1234, List.of(), "builder", "builder"), line -> { });
      List<Runnable> cleanups = new ArrayList<>();
      execution.runCleanupsOn(cleanups::add);

      execution.onResume();
      cleanups.forEach(Runnable::run);

      assertThat(context.failure).isInstanceOf(AbortException.class)
          .hasMessage("insideEsperanto: Jenkins restarted while the container of x was starting; run the build again");
      assertThat(context.completions).isEqualTo(1);
      assertThat(docker.exists(id)).isFalse();
    }
  }
}
