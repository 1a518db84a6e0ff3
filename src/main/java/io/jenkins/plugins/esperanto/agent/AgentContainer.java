package io.jenkins.plugins.esperanto.agent;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.NotFoundException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
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

  private AgentContainer() {}

  static Optional<String> detect(DockerClient docker) {
    return detect(docker, Path.of("/proc/self/mountinfo"));
  }

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
