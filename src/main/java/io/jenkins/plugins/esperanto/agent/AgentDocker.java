package io.jenkins.plugins.esperanto.agent;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.ContainerConfig;
import io.jenkins.plugins.esperanto.engine.api.EsperantoException;
import io.jenkins.plugins.esperanto.engine.docker.DockerConnection;
import io.jenkins.plugins.esperanto.engine.docker.DockerEndpoint;
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
  /**
   * The step's {@code env:} of each block started by this agent process, by container id: kept
   * in memory only, never in the container's configuration (where {@code docker inspect} shows
   * it) nor on disk.
   */
  private static final Map<String, Map<String, String>> STEP_ENV = new ConcurrentHashMap<>();

  /** A block's container as seen by this agent: its session, the PATH its commands start from, its step env. */
  static final class Attached {
    final ContainerSession session;
    final Optional<String> imagePath;
    /** Empty when the block set no variables; absent when it did but this process never knew them. */
    final Optional<Map<String, String>> stepEnv;

    Attached(ContainerSession session, Optional<String> imagePath, Optional<Map<String, String>> stepEnv) {
      this.session = session;
      this.imagePath = imagePath;
      this.stepEnv = stepEnv;
    }
  }

  private AgentDocker() {}

  /**
   * The agent's Docker Engine: the agent process's {@code DOCKER_HOST}, else the default socket.
   * The one place agent code resolves it; every connection it opens goes there.
   */
  static DockerEndpoint endpoint() throws EsperantoException {
    return DockerEndpoint.resolve(Optional.empty(), System.getenv());
  }

  /** The client, connected on first use to {@link #endpoint()}. */
  static synchronized DockerClient get() throws EsperantoException {
    if (client == null) {
      client = DockerConnection.connect(endpoint());
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
    ContainerConfig config = docker.inspectContainerCmd(containerId).exec().getConfig();
    // The PATH a command starts from: the step's, else the one the entrypoint exported, else the image's.
    Map<String, String> stepEnv = STEP_ENV.get(containerId);
    Optional<String> path = Optional.ofNullable(stepEnv == null ? null : stepEnv.get("PATH"))
        .or(() -> session.entrypointSetup().map(s -> s.env().get("PATH")));
    if (path.isEmpty()) {
      String[] env = config.getEnv();
      path = env == null ? Optional.empty()
          : Arrays.stream(env).filter(e -> e.startsWith("PATH=")).map(e -> e.substring(5)).findFirst();
    }
    boolean hasStepEnv = config.getLabels() != null && config.getLabels().containsKey(EngineContainers.STEP_ENV_LABEL);
    Attached attached = new Attached(session, path,
        stepEnv != null ? Optional.of(stepEnv) : hasStepEnv ? Optional.empty() : Optional.of(Map.of()));
    ATTACHED.put(containerId, attached);
    return attached;
  }

  /** Keeps the step env of a block this process started. */
  static void rememberStepEnv(String containerId, Map<String, String> env) {
    STEP_ENV.put(containerId, Map.copyOf(env));
  }

  /** Forgets a removed container. */
  static void forget(String containerId) {
    ATTACHED.remove(containerId);
    STEP_ENV.remove(containerId);
  }
}
