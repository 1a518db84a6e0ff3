package io.jenkins.plugins.esperanto.agent;

import com.github.dockerjava.api.DockerClient;
import io.jenkins.plugins.esperanto.engine.api.DockerUnavailableException;
import io.jenkins.plugins.esperanto.engine.api.EsperantoException;
import io.jenkins.plugins.esperanto.engine.docker.DockerConnection;
import io.jenkins.plugins.esperanto.engine.run.ContainerSession;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.Optional;

/**
 * The agent JVM's one Docker client. Every command of an {@code insideEsperanto} block is a
 * separate agent call; connecting (and pinging) for each cost more than the exec itself, so the
 * client, whose connection pool is thread-safe, is kept for the life of the agent process.
 */
final class AgentDocker {
  private static DockerClient client;
  /** Sessions and image PATHs of the blocks running on this agent, by container id. */
  private static final Map<String, Attached> ATTACHED = new ConcurrentHashMap<>();

  /** A block's container as seen by this agent: its session and the PATH its commands start from. */
  static final class Attached {
    final ContainerSession session;
    final Optional<String> imagePath;

    Attached(ContainerSession session, Optional<String> imagePath) {
      this.session = session;
      this.imagePath = imagePath;
    }
  }

  private AgentDocker() {}

  /** The client, connected on first use ({@code DOCKER_HOST} or the default socket). */
  static synchronized DockerClient get() throws DockerUnavailableException {
    if (client == null) {
      client = DockerConnection.connect(Optional.empty());
    }
    return client;
  }

  /**
   * The block container {@code containerId}, reattached on first use by this agent JVM (also
   * after a controller restart); later commands skip the two inspections.
   */
  static Attached attached(String containerId) throws EsperantoException {
    Attached known = ATTACHED.get(containerId);
    if (known != null) {
      return known;
    }
    DockerClient docker = get();
    ContainerSession session = ContainerSession.reattach(docker, containerId);
    // The PATH a command starts from: the one the entrypoint exported, else the image's.
    Optional<String> path = session.entrypointSetup().map(s -> s.env().get("PATH"));
    if (path.isEmpty()) {
      String[] env = docker.inspectContainerCmd(containerId).exec().getConfig().getEnv();
      path = env == null ? Optional.empty()
          : Arrays.stream(env).filter(e -> e.startsWith("PATH=")).map(e -> e.substring(5)).findFirst();
    }
    Attached attached = new Attached(session, path);
    ATTACHED.put(containerId, attached);
    return attached;
  }

  /** Forgets a removed container. */
  static void forget(String containerId) {
    ATTACHED.remove(containerId);
  }
}
