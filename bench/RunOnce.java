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
 * uid args[0] / gid args[1]. Appends "connect-ms step-ms" (measured inside the JVM) to
 * $RUN_TIMING_FILE.
 */
public final class RunOnce {
  public static void main(String[] args) throws Exception {
    long start = System.nanoTime();
    var docker = DockerConnection.connect(Optional.empty());
    long connected = System.nanoTime();
    UserIdentity user = UserIdentity.of(Integer.parseInt(args[0]), Integer.parseInt(args[1]), List.of(), "bench", "bench");
    SessionSpec spec = SessionSpec.builder(args[2], user)
        .command(Arrays.asList(args).subList(3, args.length)).build();
    int code = new RunContainerStep(docker, spec, null, System.out, System.err, System.err::println).call();
    String timing = System.getenv("RUN_TIMING_FILE");
    if (timing != null) {
      long end = System.nanoTime();
      Files.writeString(Path.of(timing),
          (connected - start) / 1_000_000 + " " + (end - connected) / 1_000_000 + "\n",
          StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }
    System.exit(code);
  }
}
