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
 * SIGKILL, a Jenkins agent that crashed. A container is an orphan when its owner ran on this
 * kernel (same boot id) in this PID namespace and its pid is not alive, or is alive but started
 * at another time (pid reused); or when its owner ran on this machine (same machine id) before
 * a reboot. Containers of other machines and PID namespaces, of live owners, with labels too old
 * to tell, and without our labels are never touched, running or not.
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
   * Lists, without removing anything, the containers {@link #reap} would remove; logs them and
   * the kept ones with the reason.
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
      OwnerProcess.Verdict verdict = self.judge(labels);
      String details = " (" + labels.getOrDefault(ContainerLabels.IMAGE, "?") + ", " + container.getState()
          + ", host " + labels.getOrDefault(ContainerLabels.OWNER_HOST, "?") + ", started "
          + labels.getOrDefault(ContainerLabels.STARTED, "?") + "): " + verdict.reason();
      if (!verdict.gone()) {
        if (dryRun) {
          log.accept("Would keep " + shortId(container.getId()) + details);
        }
        continue;
      }
      orphans.add(container.getId());
      log.accept((dryRun ? "Would remove " : "Removing ") + shortId(container.getId()) + details);
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
