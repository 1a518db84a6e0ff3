import io.jenkins.plugins.esperanto.engine.docker.DockerConnection;
import io.jenkins.plugins.esperanto.engine.run.RunContainerStep;
import io.jenkins.plugins.esperanto.engine.run.SessionSpec;
import io.jenkins.plugins.esperanto.engine.run.UserIdentity;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * bench/run's stand-in for `esperanto run`: RunContainerStep for args[3..] in image args[2] as
 * uid args[0] / gid args[1]. Appends the in-JVM milliseconds of the step to $RUN_TIMING_FILE.
 */
public final class RunOnce {
  public static void main(String[] args) throws Exception {
    long start = System.nanoTime();
    var docker = DockerConnection.connect(Optional.empty());
    UserIdentity user = UserIdentity.of(Integer.parseInt(args[0]), Integer.parseInt(args[1]), List.of(), "bench", "bench");
    SessionSpec spec = SessionSpec.builder(args[2], user)
        .command(Arrays.asList(args).subList(3, args.length)).build();
    int code = new RunContainerStep(docker, spec, null, System.out, System.err, System.err::println).call();
    String timing = System.getenv("RUN_TIMING_FILE");
    if (timing != null) {
      Files.writeString(Path.of(timing), ((System.nanoTime() - start) / 1_000_000) + "\n",
          StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }
    System.exit(code);
  }
}
