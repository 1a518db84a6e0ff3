package io.jenkins.plugins.esperanto.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.github.dockerjava.api.DockerClient;
import io.jenkins.plugins.esperanto.engine.docker.DockerConnection;
import io.jenkins.plugins.esperanto.engine.docker.DockerEndpoint;
import io.jenkins.plugins.esperanto.engine.run.ContainerRunException;
import io.jenkins.plugins.esperanto.engine.run.ContainerSession;
import io.jenkins.plugins.esperanto.engine.run.ExecRequest;
import io.jenkins.plugins.esperanto.engine.run.SessionSpec;
import io.jenkins.plugins.esperanto.engine.run.UserIdentity;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The agent's path: an exec with stdin starts on a connection of its own, and that connection goes to
 * the engine the session's client was connected to, not to {@code DOCKER_HOST} (here unset: the default
 * socket). Kept beside {@link PausingDockerProxy}, which stands between the client and the engine.
 */
class ExecEndpointTest {
  private static final String FIXTURE = "esperanto-fixture/busybox:latest";
  private static final String LABEL = "io.esperanto.test-run";

  @TempDir Path temp;

  @Test
  void exec_withStdin_startRefusedByTheClientsEngine_failsInOneLine_noFallback() throws Exception {
    String run = "esperanto-exec-endpoint-" + UUID.randomUUID().toString().substring(0, 8);
    try (PausingDockerProxy engine = new PausingDockerProxy(temp.resolve("engine.sock"), Pattern.compile("(?!)")).cutting();
        DockerClient docker = DockerConnection.connect(DockerEndpoint.of(engine.dockerHost()));
        ContainerSession session = ContainerSession.start(docker,
            SessionSpec.builder(FIXTURE, UserIdentity.ofCurrentProcess()).labels(Map.of(LABEL, run)).build(),
            line -> { })) {
      // the session is up (its own execs done): the engine now drops the next exec start
      engine.holding(Pattern.compile("POST /exec/\\S+/start HTTP/1\\.1"));
      ByteArrayOutputStream out = new ByteArrayOutputStream();

      ContainerRunException e = assertThrows(ContainerRunException.class, () -> session.exec(
          ExecRequest.of(List.of("cat")), new ByteArrayInputStream("hi\n".getBytes(StandardCharsets.UTF_8)),
          out, OutputStream.nullOutputStream()));

      assertThat(engine.awaitHeld(0)).as("the exec start reached the client's engine").isTrue();
      assertThat(e.getMessage()).startsWith("Tried to execute [cat] in container " + session.containerId()
          + " at " + engine.dockerHost() + " but failed because ").doesNotContain("\n");
      assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();
    }
    assertThat(Docker.containersLabelled(LABEL, run)).isEmpty();
  }
}
