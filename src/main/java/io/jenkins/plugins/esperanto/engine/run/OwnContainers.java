package io.jenkins.plugins.esperanto.engine.run;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.model.Container;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The containers this very process created, found by its owner labels: what a process that is
 * being stopped (SIGINT, SIGTERM) removes, including one whose creation it has not seen finish.
 */
public final class OwnContainers {
  private OwnContainers() {}

  /**
   * Removes, with their anonymous volumes, every container labelled as created by this process.
   *
   * @return the IDs removed; a Docker failure removes nothing more and is not thrown (the caller
   *     is stopping anyway, and {@code esperanto gc} removes what is left)
   */
  public static List<String> removeAll(DockerClient docker) {
    Map<String, String> owner = OwnerProcess.current().labels("", "").entrySet().stream()
        .filter(label -> label.getKey().startsWith("io.esperanto.owner-"))
        .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    List<String> removed = new ArrayList<>();
    try {
      for (Container container : docker.listContainersCmd().withShowAll(true).withLabelFilter(owner).exec()) {
        RemoveContainerStep.quietly(docker, container.getId());
        removed.add(container.getId());
      }
    } catch (DockerException e) {
      // the daemon is unreachable or refuses: nothing more can be done from here
    }
    return removed;
  }
}
