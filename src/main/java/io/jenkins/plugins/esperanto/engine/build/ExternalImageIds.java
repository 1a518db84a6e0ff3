package io.jenkins.plugins.esperanto.engine.build;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.NotFoundException;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Image IDs of external {@code FROM} images, asked of the engine once per reference: a catalog
 * of twenty images on the same base costs one inspect, not twenty.
 */
final class ExternalImageIds {
  private final DockerClient docker;
  private final Map<String, Optional<String>> ids = new HashMap<>();

  ExternalImageIds(DockerClient docker) {
    this.docker = docker;
  }

  Optional<String> idOf(String reference) {
    return ids.computeIfAbsent(reference, this::inspect);
  }

  private Optional<String> inspect(String reference) {
    try {
      return Optional.of(docker.inspectImageCmd(reference).exec().getId());
    } catch (NotFoundException e) {
      return Optional.empty();
    }
  }
}
