package io.jenkins.plugins.esperanto.engine.run;

import com.github.dockerjava.api.DockerClient;
import io.jenkins.plugins.esperanto.engine.docker.DockerConnection;
import io.jenkins.plugins.esperanto.engine.docker.DockerEndpoint;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A separate JVM for {@link RunContainerStepShutdownTest}: runs {@code args[2..]} as uid 4242 in
 * the busybox fixture, labelled with the test run id {@code args[0]}, with a read-only root when
 * {@code args[1]} is {@code ro}, and exits with its code.
 */
public final class RunContainerMain {
  private RunContainerMain() {}

  public static void main(String[] args) throws Exception {
    DockerClient docker = DockerConnection.connect(DockerEndpoint.resolve(Optional.empty(), System.getenv()));
    SessionSpec spec = SessionSpec.builder(DockerFixture.BUSYBOX,
            UserIdentity.of(4242, 4343, List.of(), "alice", "devs"))
        .labels(Map.of(DockerFixture.TEST_LABEL, args[0]))
        .readOnlyRoot(args[1].equals("ro"))
        .command(List.of(args).subList(2, args.length))
        .build();
    int code = new RunContainerStep(docker, spec, null, System.out, System.err, System.err::println).call();
    System.exit(code);
  }
}
