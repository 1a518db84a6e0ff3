package io.jenkins.plugins.esperanto.steps;

import static org.assertj.core.api.Assertions.assertThat;

import com.cloudbees.plugins.credentials.CredentialsScope;
import com.cloudbees.plugins.credentials.SystemCredentialsProvider;
import com.cloudbees.plugins.credentials.impl.UsernamePasswordCredentialsImpl;
import io.jenkins.plugins.esperanto.action.EsperantoImagesAction;
import io.jenkins.plugins.esperanto.action.ImageRecord;
import io.jenkins.plugins.esperanto.config.EsperantoConfiguration;
import io.jenkins.plugins.esperanto.fixtures.TestRegistry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import net.sf.json.JSONObject;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/**
 * Plugin-build-only tests of {@code esperantoImage} with {@code insideEsperanto} in one Pipeline,
 * against the real Docker Engine and a real authenticating registry. Excluded by the standalone build.
 */
@WithJenkins
class EsperantoImageStepJenkinsTest {
  private static String catalogScript(String name) {
    return "writeFile file: 'images/" + name + "/image.yaml', text: 'description: jenkins test\\nrun:\\n  env:\\n    FROM_YAML: yes\\n'\n"
        + "writeFile file: 'images/" + name + "/Docker/Dockerfile', text: 'FROM esperanto-fixture/busybox:latest\\nRUN echo "
        + name + " > /marker\\n'\n";
  }

  @Test
  void bothSteps_buildTheImage_runInIt_andRecordIt(JenkinsRule j) throws Exception {
    String name = "jt-" + UUID.randomUUID().toString().substring(0, 8);
    WorkflowJob p = j.createProject(WorkflowJob.class, "p");
    p.setDefinition(new CpsFlowDefinition("node {\n" + catalogScript(name)
        + "  def ref = esperantoImage '" + name + "'\n"
        + "  echo \"ref=${ref}\"\n"
        + "  insideEsperanto('" + name + "') { sh 'echo marker=$(cat /marker) yaml=$FROM_YAML image=$ESPERANTO_IMAGE' }\n"
        + "}", true));

    WorkflowRun b = j.buildAndAssertSuccess(p);

    List<ImageRecord> images = b.getAction(EsperantoImagesAction.class).getImages();
    assertThat(images).hasSize(1);
    ImageRecord image = images.get(0);
    assertThat(image.getAction()).isEqualTo("BUILT");
    j.assertLogContains("ref=" + image.getReference(), b);
    j.assertLogContains("marker=" + name + " yaml=yes image=" + image.getReference(), b);
    JSONObject api = j.getJSON("job/p/1/api/json?tree=actions[images[name,reference,contentKey,imageId,action,sizeBytes]]")
        .getJSONObject();
    assertThat(api.toString()).contains(image.getImageId()).contains("\"name\":\"" + name + "\"");
  }

  @Test
  void registryPassword_neverInTheLogOrTheBuildDirectory(JenkinsRule j) throws Exception {
    try (TestRegistry registry = new TestRegistry()) {
      String name = "jt-" + UUID.randomUUID().toString().substring(0, 8);
      SystemCredentialsProvider.getInstance().getCredentials().add(new UsernamePasswordCredentialsImpl(
          CredentialsScope.GLOBAL, "registry", "test registry", registry.user, registry.password));
      EsperantoConfiguration config = EsperantoConfiguration.get();
      config.setRepository(registry.host + "/jenkins");
      config.setCredentialsId("registry");
      WorkflowJob p = j.createProject(WorkflowJob.class, "p");
      p.setDefinition(new CpsFlowDefinition("node {\n" + catalogScript(name)
          + "  esperantoImage name: '" + name + "', push: true\n"
          + "  insideEsperanto('" + name + "') { sh 'env | sort' }\n"
          + "}", true));

      WorkflowRun b = j.buildAndAssertSuccess(p);

      j.assertLogContains(": pushing", b);
      j.assertLogContains(registry.host + "/jenkins/" + name + ":", b);
      j.assertLogNotContains(registry.password, b);
      try (Stream<Path> files = Files.walk(b.getRootDir().toPath())) {
        for (Path f : files.filter(Files::isRegularFile).toList()) {
          assertThat(new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1)).as(f.toString())
              .doesNotContain(registry.password);
        }
      }
    }
  }
}
