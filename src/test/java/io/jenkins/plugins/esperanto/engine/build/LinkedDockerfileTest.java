package io.jenkins.plugins.esperanto.engine.build;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.api.DockerClient;
import io.jenkins.plugins.esperanto.engine.api.ImageAction;
import io.jenkins.plugins.esperanto.engine.api.ImageName;
import io.jenkins.plugins.esperanto.engine.api.ImageResult;
import io.jenkins.plugins.esperanto.engine.catalog.Catalog;
import io.jenkins.plugins.esperanto.engine.testing.TestCatalog;
import io.jenkins.plugins.esperanto.engine.testing.TestDocker;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A {@code Docker/Dockerfile} that is an absolute symbolic link to a file inside the context,
 * built on the real daemon: the Docker CLI resolves the link and sends the target's path, so
 * the build uses the target, with a pinned catalog {@code FROM} and without.
 */
class LinkedDockerfileTest {
  @TempDir Path dir;
  @TempDir Path temp;
  private final DockerClient docker = TestDocker.connect();
  private final String id = TestDocker.uniqueId();

  @AfterEach
  void tearDown() throws Exception {
    TestDocker.removeImagesWithRepositoryPrefix(docker, "esperanto-test-" + id + "/");
    for (String name : List.of("base", "pinned", "plain")) {
      TestDocker.removeImagesWithRepositoryPrefix(docker, "esperanto/" + name + "-" + id + ":");
    }
    docker.close();
  }

  @Test
  void ensure_dockerfileLinkedInsideTheContext_buildsTheTarget() throws Exception {
    new TestCatalog(dir)
        .image("base-" + id, "FROM " + TestDocker.FIXTURE_IMAGE + "\n", null)
        .image("pinned-" + id, "unused\n", null)
        .image("plain-" + id, "unused\n", null);
    linkDockerfile("pinned-" + id, "FROM esperanto/base-" + id + "\nRUN echo pinned > /which\n");
    linkDockerfile("plain-" + id, "FROM " + TestDocker.FIXTURE_IMAGE + "\nRUN echo plain > /which\n");

    List<ImageResult> results = new ImageBuilder(docker, Catalog.load(dir), "esperanto-test-" + id,
        temp, line -> { }).ensure(List.of(ImageName.of("pinned-" + id), ImageName.of("plain-" + id)),
        BuildOptions.defaults());

    assertThat(results).extracting(ImageResult::action).containsOnly(ImageAction.BUILT);
    assertThat(results).hasSize(3);
  }

  private void linkDockerfile(String image, String content) throws Exception {
    Path context = dir.resolve(image).resolve("Docker");
    Path real = Files.createDirectories(context.resolve("recipes")).resolve("Dockerfile");
    Files.writeString(real, content);
    Files.delete(context.resolve("Dockerfile"));
    Files.createSymbolicLink(context.resolve("Dockerfile"), real.toAbsolutePath());
  }
}
