package io.jenkins.plugins.esperanto.steps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import hudson.AbortException;
import hudson.FilePath;
import hudson.model.Run;
import hudson.model.TaskListener;
import io.jenkins.plugins.esperanto.agent.EngineContainers;
import io.jenkins.plugins.esperanto.agent.SessionRequest;
import io.jenkins.plugins.esperanto.doubles.FakeBody;
import io.jenkins.plugins.esperanto.doubles.FakeRun;
import io.jenkins.plugins.esperanto.doubles.FakeStepContext;
import io.jenkins.plugins.esperanto.doubles.InProcessChannel;
import io.jenkins.plugins.esperanto.doubles.RecordingListener;
import io.jenkins.plugins.esperanto.fixtures.TestDocker;
import io.jenkins.plugins.esperanto.engine.run.UserIdentity;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
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

      execution.onResume();

      assertThat(context.failure).isInstanceOf(AbortException.class)
          .hasMessage("insideEsperanto: Jenkins restarted while the container of x was starting; run the build again");
      assertThat(context.completions).isEqualTo(1);
      awaitNoContainers(docker);
      assertThat(docker.exists(id)).isFalse();
    }
  }

  /**
   * What an abort hands the step. Upstream (workflow-cps CpsFlowExecution.interrupt) calls
   * stop(FlowInterruptedException) on the innermost running executions (getCurrentExecutions(true)):
   * this step while its container starts or its body runs no step, else the body's step.
   */
  private static final class Aborted extends Exception {
    private static final long serialVersionUID = 1L;

    Aborted(String message) {
      super(message);
    }
  }

  private static final Duration WAIT = Duration.ofSeconds(30);

  /** A block of the busybox fixture whose start was requested: its context, body and execution. */
  private record Block(FakeStepContext context, FakeBody body, InsideEsperantoExecution execution) {
    static Block started(TestDocker docker, InProcessChannel channel) throws Exception {
      Path ws = Files.createTempDirectory("esperanto-ws");
      FakeStepContext context = new FakeStepContext().with(Run.class, new FakeRun("job#3"))
          .with(FilePath.class, new FilePath(channel, ws.toString())).with(TaskListener.class, new RecordingListener());
      FakeBody body = context.withBody();
      InsideEsperantoExecution execution = new InsideEsperantoExecution(new InsideEsperantoStep("x"), context);
      Map<String, String> labels = new HashMap<>(execution.labels(new FakeRun("job#3")));
      labels.putAll(docker.labels());
      execution.startPrepared(SessionRequest.of(TestDocker.BUSYBOX, ws.toString(), ws + "@tmp", Map.of(), List.of(),
          List.of(), labels));
      return new Block(context, body, execution);
    }
  }

  private static void awaitContainer(TestDocker docker) throws InterruptedException {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (docker.containers().isEmpty()) {
      assertThat(System.nanoTime()).as("the block's container was never created").isLessThan(deadline);
      Thread.sleep(5);
    }
  }

  /** Waits until no container of this test run is left, then checks that none comes back. */
  private static void awaitNoContainers(TestDocker docker) throws InterruptedException {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (!docker.containers().isEmpty() && System.nanoTime() < deadline) {
      Thread.sleep(100);
    }
    Thread.sleep(1000);
    assertThat(docker.containers()).as("containers of the block left behind").isEmpty();
  }

  @Test
  void stop_whileTheContainerStarts_failsWithTheAbortCause_andLeavesNothing() throws Exception {
    try (TestDocker docker = new TestDocker(); InProcessChannel channel = new InProcessChannel()) {
      Aborted abort = new Aborted("Aborted by admin");

      Block block = Block.started(docker, channel);
      // Abort once the daemon has the container, before the start returned and the body began.
      awaitContainer(docker);
      block.execution().stop(abort);

      block.context().awaitCompletion(WAIT);
      awaitNoContainers(docker);
      assertThat(block.context().failure).isSameAs(abort);
      assertThat(block.context().completions).isEqualTo(1);
      assertThat(block.body().started()).as("the body started after the abort").isFalse();
    }
  }

  @Test
  void stop_whileTheBodyRuns_failsWithTheAbortCause_removesTheContainer_andIgnoresLaterCompletions() throws Exception {
    try (TestDocker docker = new TestDocker(); InProcessChannel channel = new InProcessChannel()) {
      Aborted abort = new Aborted("Aborted by admin");
      Block block = Block.started(docker, channel);
      block.body().awaitStart(WAIT);
      assertThat(docker.containers()).hasSize(1);

      block.execution().stop(abort);
      // The abort interrupts the body's steps too; their failure ends the body afterwards.
      block.body().end(new Aborted("sh interrupted"));
      block.execution().stop(new Aborted("Aborted by admin, again"));

      block.context().awaitCompletion(WAIT);
      awaitNoContainers(docker);
      assertThat(block.context().failure).isSameAs(abort);
      assertThat(block.context().completions).isEqualTo(2);
      assertThat(block.context().failure.getSuppressed()).extracting(Throwable::getMessage)
          .containsExactly("Aborted by admin, again");
    }
  }

  /** An abort while a step of the body runs stops that step; the body fails with it, and this step too. */
  @Test
  void abort_ofTheBodysStep_failsTheStepWithTheAbortCause_removesTheContainer_andIgnoresATerminate()
      throws Exception {
    try (TestDocker docker = new TestDocker(); InProcessChannel channel = new InProcessChannel()) {
      Aborted abort = new Aborted("Aborted by admin");
      Block block = Block.started(docker, channel);
      block.body().awaitStart(WAIT);
      assertThat(docker.containers()).hasSize(1);

      block.body().end(abort);
      block.context().awaitCompletion(WAIT);
      // "Terminate" (WorkflowRun.doTerm) fails the contexts of the innermost steps once more.
      block.context().onFailure(new Aborted("Terminated by admin"));

      assertThat(docker.containers()).as("containers of the block left behind").isEmpty();
      assertThat(block.context().failure).isSameAs(abort);
      assertThat(block.context().failure.getSuppressed()).extracting(Throwable::getMessage)
          .containsExactly("Terminated by admin");
    }
  }

  @Test
  void start_workspaceWithoutParent_failsWithOneLine_andLeavesNothing() throws Exception {
    try (InProcessChannel channel = new InProcessChannel()) {
      FakeStepContext context = new FakeStepContext().with(Run.class, new FakeRun("job#4"))
          .with(FilePath.class, new FilePath(channel, "/")).with(TaskListener.class, new RecordingListener());
      FakeBody body = context.withBody();
      InsideEsperantoExecution execution = new InsideEsperantoExecution(
          new InsideEsperantoStep(TestDocker.BUSYBOX), context);

      execution.start();

      context.awaitCompletion(WAIT);
      assertThat(context.failure).isInstanceOf(AbortException.class).hasMessage("insideEsperanto: workspace / has no"
          + " parent folder to hold its @tmp folder; use a workspace below the agent's root folder");
      assertThat(context.completions).isEqualTo(1);
      assertThat(channel.calls).as("calls to the agent").isEmpty();
      assertThat(body.started()).isFalse();
    }
  }
}
