package io.jenkins.plugins.esperanto.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.api.DockerClient;
import io.jenkins.plugins.esperanto.engine.docker.DockerConnection;
import io.jenkins.plugins.esperanto.engine.docker.DockerEndpoint;
import io.jenkins.plugins.esperanto.engine.run.ContainerLabels;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.io.StringWriter;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** Tests for {@link GcCommand} with a real container whose owner process is dead. */
class GcCommandTest {
  private static final String TEST_LABEL = "io.esperanto.test-run";

  @Test
  void gc_dryRunListsTheOrphanThenGcRemovesIt() throws Exception {
    String runId = "esperanto-test-" + UUID.randomUUID().toString().substring(0, 8);
    Process dead = new ProcessBuilder("true").start();
    dead.waitFor();
    String host = read("/proc/sys/kernel/hostname");
    try (DockerClient docker = DockerConnection.connect(DockerEndpoint.resolve(Optional.empty(), System.getenv()))) {
      String id = docker.createContainerCmd("esperanto-fixture/busybox:latest").withCmd("true")
          .withLabels(Map.of(ContainerLabels.OWNER_PID, Long.toString(dead.pid()),
              ContainerLabels.OWNER_HOST, host, ContainerLabels.IMAGE, "gc-test", TEST_LABEL, runId,
              ContainerLabels.OWNER_BOOT, read("/proc/sys/kernel/random/boot_id"),
              ContainerLabels.OWNER_MACHINE, read("/etc/machine-id"),
              ContainerLabels.OWNER_PIDNS, Files.readSymbolicLink(Path.of("/proc/self/ns/pid")).toString()))
          .exec().getId();
      try {
        StringWriter dryOut = new StringWriter();
        int dryCode = command(dryOut).execute("gc", "--dry-run");
        assertThat(dryCode).isZero();
        assertThat(dryOut.toString()).contains("Would remove " + id.substring(0, 12))
            .contains("owner pid " + dead.pid() + " not running");
        assertThat(docker.listContainersCmd().withShowAll(true).withLabelFilter(Map.of(TEST_LABEL, runId)).exec()).hasSize(1);

        StringWriter out = new StringWriter();
        int code = command(out).execute("gc");

        assertThat(code).isZero();
        assertThat(out.toString()).contains("Removing " + id.substring(0, 12)).contains("Removed ");
        assertThat(docker.listContainersCmd().withShowAll(true).withLabelFilter(Map.of(TEST_LABEL, runId)).exec()).isEmpty();
      } finally {
        try {
          docker.removeContainerCmd(id).withForce(true).exec();
        } catch (RuntimeException e) {
          // Removed by the test itself.
        }
      }
    }
  }

  private static String read(String file) throws java.io.IOException {
    return Files.readString(Path.of(file)).trim();
  }

  private static CommandLine command(StringWriter out) {
    CommandLine commandLine = EsperantoCommand.newCommandLine();
    commandLine.setOut(new PrintWriter(out));
    return commandLine;
  }
}
