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
}
