package io.jenkins.plugins.esperanto.engine.run;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.model.Container;
import io.jenkins.plugins.esperanto.engine.api.EsperantoException;
import io.jenkins.plugins.esperanto.engine.api.Printable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Removes the containers the engine created whose owner process is gone: a CLI killed with
 * SIGKILL, a Jenkins agent that crashed. A container is an orphan when its {@link
 * ContainerLabels#OWNER_HOST} is this host and its owner pid is not alive, or is alive but
 * started at another time (pid reused), or the host rebooted since. Containers of other hosts,
 * containers of live owners and containers without our labels are never touched.
 */
public final class ContainerReaper {
  private ContainerReaper() {}

  /**
   * Removes orphaned containers.
   *
   * @param log one line per orphan
   * @return the ids of the orphans removed
   * @throws EsperantoException when the containers cannot be listed
   */
  public static List<String> reap(DockerClient docker, Consumer<String> log) throws EsperantoException {
    return reap(docker, log, false);
  }

  /**
   * Lists, without removing anything, the containers {@link #reap} would remove.
   *
   * @throws EsperantoException when the containers cannot be listed
   */
  public static List<String> findOrphans(DockerClient docker, Consumer<String> log)
      throws EsperantoException {
    return reap(docker, log, true);
  }

  private static List<String> reap(DockerClient docker, Consumer<String> log, boolean dryRun)
      throws EsperantoException {
    List<Container> containers;
    try {
      containers =
          docker.listContainersCmd().withShowAll(true)
              .withLabelFilter(List.of(ContainerLabels.OWNER_PID)).exec();
    } catch (DockerException e) {
      throw new ContainerRunException(
          "Tried to list the containers labelled " + ContainerLabels.OWNER_PID + " but failed because "
              + Printable.of(String.valueOf(e.getMessage()).replace('\n', ' ').trim()),
          null, null, e);
    }
    OwnerProcess self = OwnerProcess.current();
    List<String> orphans = new ArrayList<>();
    for (Container container : containers) {
      Map<String, String> labels = container.getLabels() == null ? Map.of() : container.getLabels();
      if (!self.ownerIsGone(labels)) {
        continue;
      }
      orphans.add(container.getId());
      log.accept((dryRun ? "Would remove " : "Removing ") + shortId(container.getId()) + " ("
          + labels.getOrDefault(ContainerLabels.IMAGE, "?") + ", owner pid "
          + labels.get(ContainerLabels.OWNER_PID) + " gone, started "
          + labels.getOrDefault(ContainerLabels.STARTED, "?") + ")");
      if (!dryRun) {
        RemoveContainerStep.quietly(docker, container.getId());
      }
    }
    return orphans;
  }

  private static String shortId(String id) {
    return id.length() > 12 ? id.substring(0, 12) : id;
  }
}
