package io.jenkins.plugins.esperanto.agent;

import io.jenkins.plugins.esperanto.doubles.InProcessChannel;
import io.jenkins.plugins.esperanto.doubles.RecordingLauncher;
import io.jenkins.plugins.esperanto.doubles.RecordingListener;
import io.jenkins.plugins.esperanto.engine.run.UserIdentity;
import io.jenkins.plugins.esperanto.fixtures.TestDocker;
import hudson.Launcher;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * Benchmark main for {@code bench/jenkins-exec}: what {@code insideEsperanto} costs below Jenkins,
 * on the real Docker Engine: starting and removing a block's container (user mapping,
 * keep-alive), and one command through the container launcher (the agent callable, Engine API
 * exec, output streamed back), as a durable {@code sh} would run it. Not a test.
 */
public final class ContainerExecBench {
  private ContainerExecBench() {}

  public static void main(String[] args) throws Exception {
    int blocks = Integer.parseInt(args.length > 0 ? args[0] : "10");
    int commands = Integer.parseInt(args.length > 1 ? args[1] : "50");
    UserIdentity user = UserIdentity.of(1234, 1234, List.of(), "bench", "bench");
    Path ws = Files.createDirectories(Files.createTempDirectory("esperanto-bench").resolve("ws"));
    Path tmp = Path.of(ws + "@tmp");
    for (Path p : List.of(ws.getParent(), ws)) {
      Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxrwxrwx"));
    }
    try (TestDocker docker = new TestDocker(); InProcessChannel channel = new InProcessChannel()) {
      Map<String, String> labels = new HashMap<>(docker.labels());
      labels.put(EngineContainers.BLOCK_LABEL, UUID.randomUUID().toString());
      SessionRequest request = SessionRequest.of(TestDocker.BUSYBOX, ws.toString(), tmp.toString(), Map.of(), List.of(),
          List.of(), labels);
      double[] startRemove = new double[blocks];
      for (int i = 0; i < blocks; i++) {
        long t0 = System.nanoTime();
        String id = EngineContainers.start(request, user, line -> { });
        new ContainerCalls.Remove(id, "unused").call();
        startRemove[i] = (System.nanoTime() - t0) / 1e6;
      }
      String id = EngineContainers.start(request, user, line -> { });
      Launcher launcher = new ContainerLauncherDecorator(id)
          .decorate(new RecordingLauncher(new RecordingListener(), channel), null);
      List<String> env = List.of("BUILD_NUMBER=1", "JENKINS_SERVER_COOKIE=please-do-not-kill-me", "PATH=/x:" + System.getenv("PATH"));
      for (int i = 0; i < 5; i++) {
        launcher.launch().cmds("true").envs(env.toArray(new String[0])).stdout(new ByteArrayOutputStream()).quiet(true).join();
      }
      double[] exec = new double[commands];
      for (int i = 0; i < commands; i++) {
        long t0 = System.nanoTime();
        int code = launcher.launch().cmds("true").envs(env.toArray(new String[0])).stdout(new ByteArrayOutputStream())
            .quiet(true).join();
        exec[i] = (System.nanoTime() - t0) / 1e6;
        if (code != 0) {
          throw new IllegalStateException("true exited " + code);
        }
      }
      new ContainerCalls.Remove(id, "unused").call();
      Arrays.sort(startRemove);
      Arrays.sort(exec);
      System.out.printf(Locale.ROOT, "glue_start_remove_ms %.0f%n", startRemove[blocks / 2]);
      System.out.printf(Locale.ROOT, "glue_exec_ms %.0f%n", exec[commands / 2]);
    }
  }
}
