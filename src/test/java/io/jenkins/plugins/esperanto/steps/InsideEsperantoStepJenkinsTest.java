package io.jenkins.plugins.esperanto.steps;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.api.DockerClient;
import hudson.model.Result;
import io.jenkins.plugins.esperanto.action.EsperantoImagesAction;
import io.jenkins.plugins.esperanto.action.ImageRecord;
import io.jenkins.plugins.esperanto.engine.docker.DockerConnection;
import io.jenkins.plugins.esperanto.engine.docker.DockerEndpoint;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.jenkinsci.plugins.workflow.steps.StepConfigTester;
import org.jenkinsci.plugins.workflow.test.steps.SemaphoreStep;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.jvnet.hudson.test.junit.jupiter.JenkinsSessionExtension;

/**
 * Plugin-build-only tests of {@code insideEsperanto} in a real Jenkins, against the real Docker
 * Engine (the image is the busybox fixture of scripts/test-env). Excluded by the standalone build.
 */
class InsideEsperantoStepJenkinsTest {
  private static final String IMAGE = "esperanto-fixture/busybox:latest";

  @RegisterExtension
  private final JenkinsSessionExtension sessions = new JenkinsSessionExtension();

  private static List<String> containersOf(WorkflowRun run) throws Exception {
    try (DockerClient docker = DockerConnection.connect(DockerEndpoint.resolve(Optional.empty(), System.getenv()))) {
      return docker.listContainersCmd().withShowAll(true)
          .withLabelFilter(Map.of("io.esperanto.jenkins.build", run.getExternalizableId())).exec().stream()
          .map(c -> c.getId()).toList();
    }
  }

  @Test
  void shStepsRunInTheContainer_withEnvAndPathEdits_andTheContainerIsRemoved() throws Throwable {
    sessions.then(j -> {
      WorkflowJob p = j.createProject(WorkflowJob.class, "p");
      p.setDefinition(new CpsFlowDefinition(
          "node {\n"
              + "  insideEsperanto('" + IMAGE + "') {\n"
              + "    sh 'echo uid=$(id -u) home=$HOME container=$ESPERANTO_CONTAINER_ID; test -f /.dockerenv'\n"
              + "    withEnv(['PATH+TOOLS=/opt/tools/bin', 'GREETING=hello']) { sh 'echo path=$PATH greeting=$GREETING' }\n"
              + "    writeFile file: 'made-inside', text: 'x'\n"
              + "    sh 'test -f made-inside && touch made-by-sh'\n"
              + "  }\n"
              + "}", true));

      WorkflowRun b = j.buildAndAssertSuccess(p);

      j.assertLogContains("path=/opt/tools/bin:/usr/local/bin:/usr/bin:/bin:/usr/sbin:/sbin greeting=hello", b);
      j.assertLogContains("insideEsperanto: running the block in container", b);
      assertThat(containersOf(b)).isEmpty();
    });
  }

  @Test
  void failingBody_failsTheBuild_andRemovesTheContainer() throws Throwable {
    sessions.then(j -> {
      WorkflowJob p = j.createProject(WorkflowJob.class, "p");
      p.setDefinition(new CpsFlowDefinition(
          "node { insideEsperanto('" + IMAGE + "') { sh 'exit 7' } }", true));

      WorkflowRun b = j.buildAndAssertStatus(Result.FAILURE, p);

      j.assertLogContains("script returned exit code 7", b);
      assertThat(containersOf(b)).isEmpty();
    });
  }

  @Test
  void abort_killsTheStep_andRemovesTheContainer() throws Throwable {
    sessions.then(j -> {
      WorkflowJob p = j.createProject(WorkflowJob.class, "p");
      p.setDefinition(new CpsFlowDefinition(
          "node { insideEsperanto('" + IMAGE + "') { sh 'sleep 600' } }", true));
      WorkflowRun b = p.scheduleBuild2(0).waitForStart();
      j.waitForMessage("+ sleep 600", b);

      b.doStop();

      j.assertBuildStatus(Result.ABORTED, j.waitForCompletion(b));
      assertThat(containersOf(b)).isEmpty();
    });
  }

  @Test
  void restartInTheMiddleOfTheBlock_resumesInTheSameContainer() throws Throwable {
    sessions.then(j -> {
      WorkflowJob p = j.createProject(WorkflowJob.class, "p");
      p.setDefinition(new CpsFlowDefinition(
          "node {\n"
              + "  insideEsperanto('" + IMAGE + "') {\n"
              + "    sh 'echo before > marker'\n"
              + "    semaphore 'wait'\n"
              + "    sh 'echo after=$(cat marker) container=$ESPERANTO_CONTAINER_ID'\n"
              + "  }\n"
              + "}", true));
      WorkflowRun b = p.scheduleBuild2(0).waitForStart();
      SemaphoreStep.waitForStart("wait/1", b);
      assertThat(containersOf(b)).hasSize(1);
    });
    sessions.then(j -> {
      WorkflowRun b = j.jenkins.getItemByFullName("p", WorkflowJob.class).getBuildByNumber(1);
      List<String> before = containersOf(b);
      SemaphoreStep.success("wait/1", null);

      j.assertBuildStatusSuccess(j.waitForCompletion(b));

      j.assertLogContains("after=before container=" + before.get(0), b);
      assertThat(containersOf(b)).isEmpty();
    });
  }

  @Test
  void configRoundTrip() throws Throwable {
    sessions.then(j -> {
      InsideEsperantoStep step = new InsideEsperantoStep("toolchain");
      step.setEnv(java.util.List.of("CCACHE_DIR=/cache", "LANG=C.UTF-8"));
      step.setVolumes(java.util.List.of("/srv/cache:/cache"));
      step.setArgs(java.util.List.of("--verbose"));
      InsideEsperantoStep inside = new StepConfigTester(j).configRoundTrip(step);
      EsperantoRebuildStep rebuild = new EsperantoRebuildStep();
      rebuild.setAll(true);
      rebuild.setResultOnFailure("UNSTABLE");
      rebuild.setCredentialsId("registry");
      EsperantoRebuildStep rebuildCopy = new StepConfigTester(j).configRoundTrip(rebuild);
      EsperantoImageStep image = new EsperantoImageStep("toolchain");
      image.setPush(true);
      image.setSquash("own");
      image.setRepository("registry.example.com/team");
      image.setCredentialsId("registry");
      image.setCatalog("envs");

      EsperantoImageStep copy = new StepConfigTester(j).configRoundTrip(image);

      j.assertEqualDataBoundBeans(step, inside);
      // The Snippet Generator page of esperantoRebuild rendered its select through doFillResultOnFailureItems.
      j.assertEqualDataBoundBeans(rebuild, rebuildCopy);
      j.assertEqualDataBoundBeans(image, copy);
    });
  }

  @Test
  void buildPage_listsTheReferenceWithTheImageIdThatRan() throws Throwable {
    sessions.then(j -> {
      WorkflowJob p = j.createProject(WorkflowJob.class, "p");
      p.setDefinition(new CpsFlowDefinition("node { insideEsperanto('" + IMAGE + "') { sh 'true' } }", true));

      WorkflowRun b = j.buildAndAssertSuccess(p);

      List<ImageRecord> images = b.getAction(EsperantoImagesAction.class).getImages();
      assertThat(images).hasSize(1);
      assertThat(images.get(0).getReference()).isEqualTo(IMAGE);
      assertThat(images.get(0).getImageId()).startsWith("sha256:");
      assertThat(images.get(0).getAction()).isEqualTo("UP_TO_DATE");
    });
  }
}
