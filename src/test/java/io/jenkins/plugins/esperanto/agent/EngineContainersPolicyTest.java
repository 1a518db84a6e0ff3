package io.jenkins.plugins.esperanto.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.Volume;
import io.jenkins.plugins.esperanto.action.ImageRecord;
import io.jenkins.plugins.esperanto.config.Settings;
import io.jenkins.plugins.esperanto.credentials.ResolvedCredentials;
import io.jenkins.plugins.esperanto.doubles.RecordingListener;
import io.jenkins.plugins.esperanto.engine.api.EsperantoException;
import io.jenkins.plugins.esperanto.engine.run.Mount;
import io.jenkins.plugins.esperanto.engine.run.RunPolicy;
import io.jenkins.plugins.esperanto.engine.run.UserIdentity;
import io.jenkins.plugins.esperanto.fixtures.TestDocker;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The run policy on the agent side of {@code insideEsperanto} ({@link EngineContainers}), and the
 * mounts an agent running in a container shares with a block ({@link AgentContainer}), against
 * the real Docker Engine.
 */
class EngineContainersPolicyTest {
  private final String name = "policy-" + UUID.randomUUID().toString().substring(0, 8);
  private final UserIdentity user = UserIdentity.of(1234, 1234, List.of(), "b", "b");
  private ImageRecord built;

  @AfterEach
  void removeImage() throws Exception {
    if (built != null) {
      try (TestDocker docker = new TestDocker()) {
        docker.docker.removeImageCmd(built.getReference()).withForce(true).exec();
      }
    }
  }

  private SessionRequest request(TestDocker docker, String runYaml) throws Exception {
    Path ws = Files.createTempDirectory("esperanto-ws");
    Files.setPosixFilePermissions(ws, PosixFilePermissions.fromString("rwxrwxrwx"));
    // No @tmp: durable-task creates it on the first sh, and the start creates it (as docker-workflow).
    Path tmp = Path.of(ws + "@tmp");
    Path dockerDir = Files.createDirectories(ws.resolve("images").resolve(name).resolve("Docker"));
    Files.writeString(dockerDir.resolve("Dockerfile"), "FROM " + TestDocker.BUSYBOX + "\n");
    Files.writeString(dockerDir.getParent().resolve("image.yaml"), "run:\n" + runYaml + "\n");
    built = new Provision(ProvisionRequest.of(ws.toString(), name, Settings.of(null, null, null, null, null), false,
        ResolvedCredentials.none()), new RecordingListener()).call();
    return SessionRequest.of(name, ws.toString(), tmp.toString(), Map.of(), List.of(), List.of(), docker.labels())
        .forCatalogImage(ws.resolve("images").toString(), built);
  }

  /** How the message names the socket's real path, when /var/run is a link (to /run). */
  private static String realSocket() throws java.io.IOException {
    Path real = Path.of("/var/run/docker.sock").toRealPath();
    return real.toString().equals("/var/run/docker.sock") ? "" : " (it is " + real + ")";
  }

  @Test
  void start_imageYamlMountingTheDockerSocket_isRefusedAndLeavesNoContainer() throws Exception {
    try (TestDocker docker = new TestDocker()) {
      SessionRequest request = request(docker, "  volumes: ['/var/run/docker.sock:/var/run/docker.sock']");

      EsperantoException e = assertThrows(EsperantoException.class, () -> EngineContainers.start(request, user, l -> { }));

      assertThat(e.getMessage()).isEqualTo("images/" + name + "/image.yaml: run.volumes '/var/run/docker.sock' is"
          + " outside the workspace and home" + realSocket() + "; an administrator allows it with 'Allowed host paths' (esperanto:"
          + " allowedHostPaths), the CLI with --allow-host-path or allowedHostPaths in policy.yaml");
      assertThat(docker.containers()).isEmpty();
    }
  }

  @Test
  void start_imageYamlMountingTheDockerSocket_runsOnceTheAdministratorAllowsIt() throws Exception {
    try (TestDocker docker = new TestDocker()) {
      SessionRequest request = request(docker, "  volumes: ['/var/run/docker.sock:/var/run/docker.sock']")
          .withPolicy(RunPolicy.of(List.of("/var/run/docker.sock"), List.of(), List.of(), List.of()));

      String id = EngineContainers.start(request, user, l -> { });

      String socket = Path.of("/var/run/docker.sock").toRealPath().toString();
      assertThat(docker.docker.inspectContainerCmd(id).exec().getMounts()).anyMatch(m -> socket.equals(m.getSource()));
      EngineContainers.remove(id);
      assertThat(docker.containers()).isEmpty();
    }
  }

  /**
   * An agent container with its work folder on a volume and the Docker socket bound: only the
   * volume holding the workspace is shared with the block, never the socket.
   */
  @Test
  void mountsHolding_sharesOnlyTheMountsOfTheWorkspace() throws Exception {
    try (TestDocker docker = new TestDocker()) {
      String volume = docker.runId + "-work";
      docker.docker.createVolumeCmd().withName(volume).withLabels(docker.labels()).exec();
      try {
        String agent = docker.docker.createContainerCmd(TestDocker.BUSYBOX).withLabels(docker.labels())
            .withCmd("true")
            .withHostConfig(HostConfig.newHostConfig().withBinds(
                new com.github.dockerjava.api.model.Bind(volume, new Volume("/home/jenkins/agent")),
                new com.github.dockerjava.api.model.Bind("/var/run/docker.sock", new Volume("/var/run/docker.sock"))))
            .exec().getId();

        List<Mount> shared = AgentContainer.mountsHolding(docker.docker, agent,
            List.of("/home/jenkins/agent/workspace/job", "/home/jenkins/agent/workspace/job@tmp"));

        assertThat(shared).containsExactly(Mount.ofVolume(volume, "/home/jenkins/agent", false));
        docker.docker.removeContainerCmd(agent).withForce(true).exec();
      } finally {
        docker.docker.removeVolumeCmd(volume).exec();
      }
    }
  }

  /**
   * The agent plays its part from a real container on the same daemon: its work folder is a
   * bind of the same host path (so this process, standing in for the agent, sees the workspace
   * at the paths the agent would), and its Docker socket is bound too. Detection reads that
   * container's own mount table, taken from inside it.
   */
  private AgentInContainer agentInContainer(TestDocker docker) throws Exception {
    Path work = Files.createTempDirectory("esperanto-agent");
    Files.setPosixFilePermissions(work, PosixFilePermissions.fromString("rwxrwxrwx"));
    String agent = docker.docker.createContainerCmd(TestDocker.BUSYBOX).withLabels(docker.labels())
        .withCmd("sleep", "600")
        .withHostConfig(HostConfig.newHostConfig().withBinds(
            new com.github.dockerjava.api.model.Bind(work.toString(), new Volume(work.toString())),
            new com.github.dockerjava.api.model.Bind("/var/run/docker.sock", new Volume("/var/run/docker.sock"))))
        .exec().getId();
    docker.docker.startContainerCmd(agent).exec();
    String exec = docker.docker.execCreateCmd(agent).withCmd("cat", "/proc/self/mountinfo").withAttachStdout(true)
        .exec().getId();
    java.io.ByteArrayOutputStream table = new java.io.ByteArrayOutputStream();
    docker.docker.execStartCmd(exec).exec(new com.github.dockerjava.api.async.ResultCallback.Adapter<
        com.github.dockerjava.api.model.Frame>() {
      @Override
      public void onNext(com.github.dockerjava.api.model.Frame frame) {
        table.writeBytes(frame.getPayload());
      }
    }).awaitCompletion();
    Path mountinfo = Files.createTempFile("agent-mountinfo", "");
    Files.write(mountinfo, table.toByteArray());
    assertThat(AgentContainer.detect(docker.docker, mountinfo)).contains(agent);
    Path ws = Files.createDirectories(work.resolve("workspace").resolve("job"));
    Files.setPosixFilePermissions(ws, PosixFilePermissions.fromString("rwxrwxrwx"));
    return new AgentInContainer(agent, work, ws, mountinfo);
  }

  private record AgentInContainer(String id, Path work, Path ws, Path mountinfo) {}

  private SessionRequest request(TestDocker docker, Path ws, String runYaml) throws Exception {
    Path dockerDir = Files.createDirectories(ws.resolve("images").resolve(name).resolve("Docker"));
    Files.writeString(dockerDir.resolve("Dockerfile"), "FROM " + TestDocker.BUSYBOX + "\n");
    Files.writeString(dockerDir.getParent().resolve("image.yaml"), "run:\n" + runYaml + "\n");
    built = new Provision(ProvisionRequest.of(ws.toString(), name, Settings.of(null, null, null, null, null), false,
        ResolvedCredentials.none()), new RecordingListener()).call();
    return SessionRequest.of(name, ws.toString(), ws + "@tmp", Map.of(), List.of(), List.of(), docker.labels())
        .forCatalogImage(ws.resolve("images").toString(), built);
  }

  /**
   * With the agent in a container, a block's container still gets every {@code image.yaml}
   * setting the policy allows, and the agent's mount holding the workspace (not its socket).
   */
  @Test
  void start_agentInAContainer_appliesImageYamlRunSettings_andSharesOnlyTheWorkspaceMount() throws Exception {
    try (TestDocker docker = new TestDocker()) {
      AgentInContainer agent = agentInContainer(docker);
      SessionRequest request = request(docker, agent.ws(), String.join("\n",
          "  env: {FROM_YAML: from-image-yaml}",
          "  shm_size: 96m",
          "  workdir: /bin",
          "  entrypoint_args: [env, ESPERANTO_ARG=1]",
          "  groups: ['4321']",
          "  network: none"));
      List<String> log = new java.util.ArrayList<>();

      String id = EngineContainers.start(request, user, log::add, agent.mountinfo());

      com.github.dockerjava.api.command.InspectContainerResponse block = docker.docker.inspectContainerCmd(id).exec();
      HostConfig host = block.getHostConfig();
      assertThat(host.getShmSize()).isEqualTo(96L * 1024 * 1024);
      assertThat(host.getGroupAdd()).contains("4321");
      assertThat(host.getNetworkMode()).isEqualTo("none");
      assertThat(block.getConfig().getWorkingDir()).isEqualTo("/bin");
      assertThat(block.getConfig().getCmd()).startsWith("env", "ESPERANTO_ARG=1");
      assertThat(block.getConfig().getEnv()).contains("FROM_YAML=from-image-yaml");
      assertThat(block.getMounts()).anyMatch(m -> agent.work().toString().equals(m.getSource())
          && agent.work().toString().equals(m.getDestination().getPath()));
      assertThat(block.getMounts()).noneMatch(m -> m.getDestination().getPath().equals("/var/run/docker.sock"));
      assertThat(log).anyMatch(l -> l.contains("Agent runs in container " + CommandLines.shortId(agent.id())));
      EngineContainers.remove(id);
    }
  }

  /**
   * A bind source in {@code image.yaml} names a path on the daemon's host; with the agent in a
   * container, the workspace's path is the container's, so it is not the agent's own folder there.
   */
  @Test
  void start_agentInAContainer_imageYamlBindIntoTheWorkspace_isRefusedAndLeavesNoContainer() throws Exception {
    try (TestDocker docker = new TestDocker()) {
      AgentInContainer agent = agentInContainer(docker);
      SessionRequest request = request(docker, agent.ws(), "  volumes: ['" + agent.ws() + "/cache:/cache']");

      EsperantoException e = assertThrows(EsperantoException.class,
          () -> EngineContainers.start(request, user, l -> { }, agent.mountinfo()));

      assertThat(e.getMessage()).isEqualTo("images/" + name + "/image.yaml: run.volumes '" + agent.ws() + "/cache'"
          + " is a path on the Docker daemon's host, and the workspace is shared from a container, whose workspace and"
          + " home are not host paths; an administrator allows it with 'Allowed host paths' (esperanto: allowedHostPaths), the CLI with"
          + " --allow-host-path or allowedHostPaths in policy.yaml");
      assertThat(docker.containers()).containsExactly(agent.id());
      assertThat(Files.exists(agent.ws().resolve("cache"))).isFalse();
    }
  }

  /** An administrator's allowed host path is mounted from the daemon's host, as written. */
  @Test
  void start_agentInAContainer_allowedHostPath_isBoundFromTheDaemonsHost() throws Exception {
    try (TestDocker docker = new TestDocker()) {
      AgentInContainer agent = agentInContainer(docker);
      Path cache = Files.createDirectories(agent.work().resolve("host-cache"));
      SessionRequest request = request(docker, agent.ws(), "  volumes: ['" + cache + ":/cache:ro']")
          .withPolicy(RunPolicy.of(List.of(cache.toString()), List.of(), List.of(), List.of()));

      String id = EngineContainers.start(request, user, l -> { }, agent.mountinfo());

      assertThat(docker.docker.inspectContainerCmd(id).exec().getMounts()).anyMatch(m -> cache.toString()
          .equals(m.getSource()) && "/cache".equals(m.getDestination().getPath()) && Boolean.FALSE.equals(m.getRW()));
      EngineContainers.remove(id);
    }
  }

  /**
   * A read-only root binds account files from a folder the agent writes, which the daemon's host
   * does not have when the agent is in a container: refused in one line, not dropped.
   */
  @Test
  void start_agentInAContainer_readOnlyRoot_isRefusedInOneLineAndLeavesNoContainer() throws Exception {
    try (TestDocker docker = new TestDocker()) {
      AgentInContainer agent = agentInContainer(docker);
      SessionRequest request = request(docker, agent.ws(), "  read_only: true");

      EsperantoException e = assertThrows(EsperantoException.class,
          () -> EngineContainers.start(request, user, l -> { }, agent.mountinfo()));

      assertThat(e.getMessage()).isEqualTo("images/" + name + "/image.yaml: run.read_only is not supported when the"
          + " workspace is shared from a container (the agent runs in one): the account files of a read-only root are"
          + " bound from a folder of that container, which the Docker host does not have; remove read_only, or run"
          + " the agent on the Docker host");
      assertThat(docker.containers()).containsExactly(agent.id());
    }
  }
}
