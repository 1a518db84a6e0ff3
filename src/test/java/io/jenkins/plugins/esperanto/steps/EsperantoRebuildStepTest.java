package io.jenkins.plugins.esperanto.steps;

import static org.assertj.core.api.Assertions.assertThat;

import hudson.FilePath;
import hudson.model.Result;
import hudson.model.TaskListener;
import io.jenkins.plugins.esperanto.agent.RebuildSummary;
import io.jenkins.plugins.esperanto.config.Settings;
import io.jenkins.plugins.esperanto.credentials.ResolvedCredentials;
import io.jenkins.plugins.esperanto.doubles.FakeStepContext;
import io.jenkins.plugins.esperanto.doubles.InProcessChannel;
import io.jenkins.plugins.esperanto.doubles.RecordingListener;
import io.jenkins.plugins.esperanto.engine.testing.TestDocker;
import io.jenkins.plugins.esperanto.engine.testing.TestCatalog;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code esperantoRebuild}: inputs, and the agent work against the real Docker Engine. */
class EsperantoRebuildStepTest {
  @TempDir Path workspace;

  @Test
  void problem_needsImagesOrAllAndAKnownResult() {
    EsperantoRebuildStep step = new EsperantoRebuildStep();
    assertThat(step.problem()).contains("esperantoRebuild: give images: [...] or all: true (not both)");
    step.setAll(true);
    assertThat(step.problem()).isEmpty();
    step.setResultOnFailure("YELLOW");
    assertThat(step.problem()).contains("esperantoRebuild: resultOnFailure must be UNSTABLE or FAILURE; got 'YELLOW'");
    step.setResultOnFailure("UNSTABLE");
    step.setParallel(-1);
    assertThat(step.problem()).contains("esperantoRebuild: parallel must be 0 (one per core) or more; got -1");
  }

  @Test
  void rebuild_failedImage_marksTheBuildWithTheConfiguredResultAndWritesReports() throws Exception {
    String id = TestDocker.uniqueId();
    String repository = "esperanto-test-" + id;
    new TestCatalog(workspace.resolve("images"))
        .image("ok-" + id, "FROM " + TestDocker.FIXTURE_IMAGE + "\nRUN echo ok > /ok.txt\n", null)
        .image("bad-" + id, "FROM " + TestDocker.FIXTURE_IMAGE + "\nRUN exit 5\n", null);
    EsperantoRebuildStep step = new EsperantoRebuildStep();
    step.setAll(true);
    step.setResultOnFailure("UNSTABLE");
    RecordingListener listener = new RecordingListener();
    try (InProcessChannel channel = new InProcessChannel()) {
      FakeStepContext context = new FakeStepContext().with(FilePath.class, new FilePath(channel, workspace.toString()))
          .with(TaskListener.class, listener);
      EsperantoRebuildStep.Execution execution = new EsperantoRebuildStep.Execution(step, context);

      RebuildSummary summary = execution.rebuild(context, Settings.of(repository, null, null, null, null),
          ResolvedCredentials.none());

      assertThat(summary.failed()).isEqualTo(1);
      assertThat(summary.hasProblems()).isTrue();
      assertThat(context.buildResult).hasToString(Result.UNSTABLE.toString());
      assertThat(listener.text()).contains("Rebuild plan: 2 of 2 image(s) to build")
          .containsPattern("ok-" + id + " +built").contains("esperantoRebuild: 2 image(s)");
      assertThat(workspace.resolve("rebuild-report")).isDirectoryContaining("glob:**/rebuild-junit.xml")
          .isDirectoryContaining("glob:**/rebuild-report.html");
    } finally {
      try (var docker = TestDocker.connect()) {
        for (String prefix : List.of(repository + "/", "esperanto/ok-" + id + ":", "esperanto/bad-" + id + ":")) {
          TestDocker.removeImagesWithRepositoryPrefix(docker, prefix);
        }
      }
    }
  }
}
