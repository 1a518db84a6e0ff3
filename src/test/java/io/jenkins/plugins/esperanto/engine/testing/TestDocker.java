package io.jenkins.plugins.esperanto.engine.testing;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Image;
import io.jenkins.plugins.esperanto.engine.api.EsperantoException;
import io.jenkins.plugins.esperanto.engine.docker.DockerConnection;
import io.jenkins.plugins.esperanto.engine.docker.DockerEndpoint;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The real Docker Engine for tests. A missing daemon fails the test with the reason (run
 * scripts/test-env); it is never a skip.
 */
public final class TestDocker {
  /** Built by scripts/test-env: FROM scratch plus Debian's static busybox. */
  public static final String FIXTURE_IMAGE = "esperanto-fixture/busybox:latest";

  private TestDocker() {}

  public static DockerClient connect() {
    try {
      DockerClient docker = DockerConnection.connect(DockerEndpoint.resolve(Optional.empty(), System.getenv()));
      docker.inspectImageCmd(FIXTURE_IMAGE).exec();
      return docker;
    } catch (EsperantoException e) {
      throw new AssertionError("These tests need the Docker Engine; run scripts/test-env first. " + e.getMessage(), e);
    } catch (NotFoundException e) {
      throw new AssertionError("Fixture image " + FIXTURE_IMAGE + " is missing; run scripts/test-env first", e);
    }
  }

  /** A short unique lower-case token for names of images and containers a test creates. */
  public static String uniqueId() {
    return UUID.randomUUID().toString().replace("-", "").substring(0, 10);
  }

  /** Removes every tag whose repository starts with {@code prefix}; images left untagged go too. */
  public static void removeImagesWithRepositoryPrefix(DockerClient docker, String prefix) {
    List<Image> images = docker.listImagesCmd().exec();
    for (Image image : images) {
      if (image.getRepoTags() == null) {
        continue;
      }
      for (String tag : image.getRepoTags()) {
        if (tag.startsWith(prefix)) {
          try {
            docker.removeImageCmd(tag).withForce(true).exec();
          } catch (NotFoundException | com.github.dockerjava.api.exception.ConflictException e) {
            // already gone, or still used by a child another tag keeps: fine for cleanup
          }
        }
      }
    }
  }

  /** True when {@code reference} names an image on the engine. */
  public static boolean imageExists(DockerClient docker, String reference) {
    try {
      docker.inspectImageCmd(reference).exec();
      return true;
    } catch (NotFoundException e) {
      return false;
    }
  }
}
