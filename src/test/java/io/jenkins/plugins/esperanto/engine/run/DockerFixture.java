package io.jenkins.plugins.esperanto.engine.run;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.BuildImageResultCallback;
import com.github.dockerjava.api.model.Container;
import io.jenkins.plugins.esperanto.engine.api.EsperantoException;
import io.jenkins.plugins.esperanto.engine.docker.DockerConnection;
import io.jenkins.plugins.esperanto.engine.docker.DockerEndpoint;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The real Docker Engine for the run tests, with a per-run label on everything created so that
 * tests only see and clean up their own containers and images.
 */
final class DockerFixture implements AutoCloseable, AfterAllCallback {
  static final String BUSYBOX = "esperanto-fixture/busybox:latest";
  static final String TEST_LABEL = "io.esperanto.test-run";

  final DockerClient docker;
  final String runId = "esperanto-test-" + UUID.randomUUID().toString().substring(0, 8);
  private final List<String> images = new ArrayList<>();

  private DockerFixture(DockerClient docker) {
    this.docker = docker;
  }

  /**
   * For {@code @RegisterExtension static}: connects now (a test class fails when Docker is
   * missing, it never skips) and cleans up after the class.
   */
  static DockerFixture connect() {
    try {
      return new DockerFixture(DockerConnection.connect(DockerEndpoint.resolve(Optional.empty(), System.getenv())));
    } catch (EsperantoException e) {
      throw new IllegalStateException(e.getMessage(), e);
    }
  }

  @Override
  public void afterAll(ExtensionContext context) {
    close();
  }

  /** Labels that mark a container as created by this test run. */
  Map<String, String> labels() {
    return Map.of(TEST_LABEL, runId);
  }

  /** Ids of every container (any state) of this test run. */
  List<String> containers() {
    return docker.listContainersCmd().withShowAll(true)
        .withLabelFilter(Map.of(TEST_LABEL, runId)).exec().stream().map(Container::getId).toList();
  }

  /** Builds an image FROM the busybox fixture with the given Dockerfile body; returns its tag. */
  String buildImage(String name, String dockerfileBody) throws IOException {
    String tag = runId + "/" + name + ":latest";
    byte[] tar = new io.jenkins.plugins.esperanto.engine.run.ContainerFiles.TarBuilder()
        .file("Dockerfile", "FROM " + BUSYBOX + "\n" + dockerfileBody + "\n", 0644)
        .build();
    docker.buildImageCmd().withTarInputStream(new ByteArrayInputStream(tar)).withTags(java.util.Set.of(tag))
        .withLabels(labels()).exec(new BuildImageResultCallback()).awaitImageId();
    images.add(tag);
    return tag;
  }

  @Override
  public void close() {
    for (String id : containers()) {
      RemoveContainerStep.quietly(docker, id);
    }
    for (String image : images) {
      try {
        docker.removeImageCmd(image).withForce(true).exec();
      } catch (RuntimeException e) {
        // Already gone.
      }
    }
  }

  static String text(java.io.ByteArrayOutputStream out) {
    return out.toString(StandardCharsets.UTF_8);
  }

  static final OutputStream DISCARD = OutputStream.nullOutputStream();
}
