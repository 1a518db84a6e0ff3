package io.jenkins.plugins.esperanto.cli;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.Image;
import io.jenkins.plugins.esperanto.engine.docker.DockerConnection;
import io.jenkins.plugins.esperanto.engine.docker.DockerEndpoint;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;

/** Looks at the real Docker Engine from CLI tests. */
final class Docker {
  private Docker() {}

  static DockerClient client() {
    try {
      return DockerConnection.connect(DockerEndpoint.resolve(Optional.empty(), System.getenv()));
    } catch (Exception e) {
      throw new AssertionError("CLI tests need the Docker Engine; run scripts/test-env first: " + e.getMessage(), e);
    }
  }

  /** Every tag whose repository starts with {@code repository}. */
  static List<String> tags(String repository) throws Exception {
    try (DockerClient docker = client()) {
      return docker.listImagesCmd().exec().stream()
          .map(Image::getRepoTags).filter(Objects::nonNull).flatMap(Stream::of)
          .filter(tag -> tag.startsWith(repository + "/")).toList();
    }
  }

  /** Containers (running or not) whose label {@code name} starts with {@code valuePrefix}. */
  static List<Container> containersLabelled(String name, String valuePrefix) throws Exception {
    try (DockerClient docker = client()) {
      return docker.listContainersCmd().withShowAll(true).exec().stream()
          .filter(c -> c.getLabels() != null && c.getLabels().getOrDefault(name, "").startsWith(valuePrefix))
          .toList();
    }
  }

  /** Every image built for catalog image {@code name}, tagged or not (intermediates of interrupted builds). */
  static void removeImagesOf(String name) throws Exception {
    try (DockerClient docker = client()) {
      for (Image image : docker.listImagesCmd().withShowAll(true)
          .withLabelFilter(java.util.Map.of("io.esperanto.name", name)).exec()) {
        try {
          docker.removeImageCmd(image.getId()).withForce(true).exec();
        } catch (com.github.dockerjava.api.exception.NotFoundException e) {
          // removed with an image removed before it
        }
      }
    }
  }

  static void removeTags(String repository) throws Exception {
    try (DockerClient docker = client()) {
      for (String tag : tags(repository)) {
        docker.removeImageCmd(tag).withForce(true).exec();
      }
    }
  }
}
