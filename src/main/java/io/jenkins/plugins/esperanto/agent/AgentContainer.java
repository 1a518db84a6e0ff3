package io.jenkins.plugins.esperanto.agent;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.exception.NotFoundException;
import java.io.IOException;
import java.nio.file.Files;
import io.jenkins.plugins.esperanto.engine.run.Mount;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the container the agent itself runs in, if any, on the same daemon. Docker bind-mounts
 * {@code /etc/hostname} and friends from {@code .../containers/<id>/}, which
 * {@code /proc/self/mountinfo} shows; the id is then confirmed with the daemon, so a container
 * from another daemon (Docker-in-Docker) is not taken for ours.
 */
final class AgentContainer {
  private static final Pattern CONTAINER_DIR = Pattern.compile("/containers/([0-9a-f]{64})/");

  /** This process's own mount table. */
  static final Path PROCESS_MOUNT_TABLE = Path.of("/proc/self/mountinfo");

  private AgentContainer() {}

  /**
   * The container the process whose mount table is {@code mountinfo} runs in, when the daemon
   * knows it.
   */
  static Optional<String> detect(DockerClient docker, Path mountinfo) {
    Optional<String> candidate = candidate(mountinfo);
    if (candidate.isEmpty()) {
      return Optional.empty();
    }
    try {
      docker.inspectContainerCmd(candidate.get()).exec();
      return candidate;
    } catch (NotFoundException e) {
      return Optional.empty();
    }
  }

  /**
   * The mounts of the agent's container that hold (or lie under) one of {@code paths}, to be
   * mounted at the same place in a block's container. Only these: the agent's other mounts (its
   * Docker socket, caches, credentials) are not handed to the block's code, which {@code
   * --volumes-from} did.
   */
  static List<Mount> mountsHolding(DockerClient docker, String containerId, List<String> paths) {
    List<Mount> mounts = new ArrayList<>();
    List<InspectContainerResponse.Mount> all = docker.inspectContainerCmd(containerId).exec().getMounts();
    for (InspectContainerResponse.Mount m : all == null ? List.<InspectContainerResponse.Mount>of() : all) {
      if (m.getDestination() == null) {
        continue;
      }
      Path target = Path.of(m.getDestination().getPath()).normalize();
      boolean holds = paths.stream().map(p -> Path.of(p).normalize())
          .anyMatch(p -> p.startsWith(target) || target.startsWith(p));
      boolean readOnly = Boolean.FALSE.equals(m.getRW());
      if (!holds) {
        continue;
      }
      if (m.getName() != null && !m.getName().isEmpty()) {
        mounts.add(Mount.ofVolume(m.getName(), target.toString(), readOnly));
      } else if (m.getSource() != null && m.getSource().startsWith("/")) {
        mounts.add(Mount.ofDaemonPath(m.getSource(), target.toString(), readOnly));
      }
    }
    return mounts;
  }

  static Optional<String> candidate(Path mountinfo) {
    try {
      for (String line : Files.readAllLines(mountinfo)) {
        if (line.contains(" /etc/hostname ")) {
          Matcher m = CONTAINER_DIR.matcher(line);
          if (m.find()) {
            return Optional.of(m.group(1));
          }
        }
      }
    } catch (IOException e) {
      // no mountinfo (not Linux): not in a container we could share volumes with
    }
    return Optional.empty();
  }
}
