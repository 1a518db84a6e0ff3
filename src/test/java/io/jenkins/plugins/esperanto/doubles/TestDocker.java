package io.jenkins.plugins.esperanto.doubles;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.NotFoundException;
import io.jenkins.plugins.esperanto.engine.docker.DockerConnection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The real Docker Engine for the glue tests. Everything a test starts carries this run's label,
 * and {@link #close()} removes only those containers.
 */
public final class TestDocker implements AutoCloseable {
  /** Built by scripts/test-env: FROM scratch plus static busybox. */
  public static final String BUSYBOX = "esperanto-fixture/busybox:latest";
  public static final String LABEL = "io.esperanto.test-run";

  public final DockerClient docker;
  public final String runId = "esperanto-test-" + UUID.randomUUID().toString().substring(0, 8);

  public TestDocker() throws Exception {
    docker = DockerConnection.connect(Optional.empty());
  }

  public Map<String, String> labels() {
    return Map.of(LABEL, runId);
  }

  /** Ids of this run's containers, any state. */
  public List<String> containers() {
    return docker.listContainersCmd().withShowAll(true).withLabelFilter(labels()).exec().stream()
        .map(c -> c.getId()).toList();
  }

  public boolean exists(String containerId) {
    try {
      docker.inspectContainerCmd(containerId).exec();
      return true;
    } catch (NotFoundException e) {
      return false;
    }
  }

  @Override
  public void close() throws Exception {
    for (String id : containers()) {
      try {
        docker.removeContainerCmd(id).withForce(true).withRemoveVolumes(true).exec();
      } catch (NotFoundException e) {
        // gone already
      }
    }
    docker.close();
  }
}
