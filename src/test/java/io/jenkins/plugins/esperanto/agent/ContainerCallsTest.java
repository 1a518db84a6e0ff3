package io.jenkins.plugins.esperanto.agent;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.esperanto.doubles.RecordingListener;
import io.jenkins.plugins.esperanto.fixtures.TestDocker;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Tests for {@link ContainerCalls} against the real Docker Engine. */
class ContainerCallsTest {
  /**
   * Aborting {@code insideEsperanto} interrupts the agent call that creates and starts the
   * container (remoting interrupts the request's thread on the agent); whenever it lands, no
   * container may be left behind.
   */
  @Test
  @Timeout(240)
  void start_interruptedWhileCreatingOrStarting_leavesNoContainer() throws Exception {
    try (TestDocker docker = new TestDocker()) {
      Path ws = ContainerLauncherTest.freshWorkspace();
      List<String> outcomes = new ArrayList<>();
      for (int delay : new int[] {0, 20, 60, 120, 200, 350, 500, 700, 900, 1100}) {
        Map<String, String> labels = new HashMap<>(docker.labels());
        String block = UUID.randomUUID().toString();
        labels.put(EngineContainers.BLOCK_LABEL, block);
        // An entrypoint that takes a second before it hands over to the keep-alive.
        SessionRequest request = SessionRequest.of(TestDocker.BUSYBOX, ws.toString(), ws + "@tmp", Map.of(), List.of(),
            List.of("sh", "-c", "sleep 1; exec \"$@\"", "slow-entrypoint"), labels);
        AtomicReference<Object> outcome = new AtomicReference<>();
        Thread agentRequest = new Thread(() -> {
          try {
            outcome.set(new ContainerCalls.Start(request, List.of(), new RecordingListener()).call());
          } catch (Exception e) {
            outcome.set(e);
          }
        });
        agentRequest.start();
        Thread.sleep(delay);
        agentRequest.interrupt();
        agentRequest.join(60_000);

        List<String> left = docker.docker.listContainersCmd().withShowAll(true)
            .withLabelFilter(Map.of(EngineContainers.BLOCK_LABEL, block)).exec().stream().map(c -> c.getId()).toList();
        assertThat(agentRequest.isAlive()).isFalse();
        assertThat(left).as("containers left after an interrupt at %d ms (outcome %s)", delay, outcome.get())
            .isEmpty();
        outcomes.add(outcome.get() instanceof String ? "started" : "aborted");
      }
      // The interrupts landed before, during and (for the longest delays) not at all within the start.
      assertThat(outcomes).contains("aborted");
    }
  }

  /**
   * The entrypoint's output is cut into pieces of OutputLines.MAX_LINE characters, each printed
   * with the "[entrypoint] " prefix; a secret that straddles a cut must still be masked whole.
   */
  @Test
  void start_masksASecretAcrossTheCutOfALongEntrypointLine() throws Exception {
    try (TestDocker docker = new TestDocker()) {
      String secret = "s3cr3t-" + UUID.randomUUID();
      // MAX_LINE - 4 characters, then the secret: the cut falls after its first 4 characters.
      SessionRequest request = entrypointPrinting(docker, "head -c "
          + (io.jenkins.plugins.esperanto.engine.docker.OutputLines.MAX_LINE - 4) + " /dev/zero | tr '\\0' x; echo '"
          + secret + " tail'");
      RecordingListener masked = new RecordingListener();

      String id = new ContainerCalls.Start(request, List.of(secret), masked).call();
      EngineContainers.remove(id);

      assertThat(masked.text()).contains("xxxx").contains("**** tail")
          .doesNotContain(secret.substring(4)).doesNotContain(secret.substring(0, 4) + "\n");
    }
  }

  @Test
  void start_masksSecretsInTheEntrypointsOutput() throws Exception {
    try (TestDocker docker = new TestDocker()) {
      String secret = "s3cr3t-" + UUID.randomUUID();
      // An entrypoint that prints a secret it was given (an argument here), as a debugging one may.
      SessionRequest request = entrypointPrinting(docker, "echo \"token is " + secret + "\"");
      RecordingListener unmasked = new RecordingListener();
      RecordingListener masked = new RecordingListener();

      String first = new ContainerCalls.Start(request, List.of(), unmasked).call();
      String second = new ContainerCalls.Start(request, List.of(secret), masked).call();

      assertThat(unmasked.text()).as("without masking the value reaches the log").contains(secret);
      assertThat(masked.text()).contains("[entrypoint] token is ****").doesNotContain(secret);
      EngineContainers.remove(first);
      EngineContainers.remove(second);
    }
  }
  /** A block's request whose entrypoint runs {@code script}, then hands over to the keep-alive. */
  private static SessionRequest entrypointPrinting(TestDocker docker, String script) throws Exception {
    Path ws = ContainerLauncherTest.freshWorkspace();
    Map<String, String> labels = new HashMap<>(docker.labels());
    labels.put(EngineContainers.BLOCK_LABEL, UUID.randomUUID().toString());
    return SessionRequest.of(TestDocker.BUSYBOX, ws.toString(), ws + "@tmp", Map.of(), List.of(),
        List.of("sh", "-c", script + "; exec \"$@\"", "x"), labels);
  }
}
