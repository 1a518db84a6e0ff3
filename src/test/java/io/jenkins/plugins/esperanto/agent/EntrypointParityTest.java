package io.jenkins.plugins.esperanto.agent;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.api.command.BuildImageResultCallback;
import hudson.Launcher;
import io.jenkins.plugins.esperanto.doubles.DurableShell;
import io.jenkins.plugins.esperanto.doubles.InProcessChannel;
import io.jenkins.plugins.esperanto.doubles.RecordingLauncher;
import io.jenkins.plugins.esperanto.doubles.RecordingListener;
import io.jenkins.plugins.esperanto.engine.run.Mount;
import io.jenkins.plugins.esperanto.engine.run.RunContainerStep;
import io.jenkins.plugins.esperanto.engine.run.SessionSpec;
import io.jenkins.plugins.esperanto.engine.run.UserIdentity;
import io.jenkins.plugins.esperanto.fixtures.TestDocker;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The image's entrypoint reaches every command, as in {@code esperanto run} so in an
 * {@code insideEsperanto} block's {@code sh} steps: the same script and the same checks on both
 * paths, against the real Docker Engine. The entrypoint exports a variable, sets umask 0002 and
 * records the uid it ran as. The "agent" is this JVM, and the block runs as its user, as
 * {@link ContainerCalls.Start} does.
 */
class EntrypointParityTest {
  private static final String SCRIPT = "echo \"var=$FROM_ENTRYPOINT\"; touch made-by-step;"
      + " echo \"mode=$(stat -c %a made-by-step)\"; echo \"ran-as=$(cat \"$HOME/entrypoint-ran\")\"";
  private static TestDocker docker;
  private static String image;
  private static final UserIdentity AGENT_USER = UserIdentity.ofCurrentProcess();
  private static final int IMAGE_USER = AGENT_USER.uid() == 4321 ? 4322 : 4321;
  @TempDir Path root;

  @BeforeAll
  static void buildImage() throws Exception {
    docker = new TestDocker();
    image = "esperanto-test/entrypoint-" + UUID.randomUUID().toString().substring(0, 8) + ":latest";
    Path context = Files.createTempDirectory("esperanto-entrypoint-image");
    Files.writeString(context.resolve("entrypoint"), "#!/bin/sh\nexport FROM_ENTRYPOINT=set-up\numask 0002\n"
        + "id -u >> \"$HOME/entrypoint-ran\"\necho entrypoint says hello >&2\nexec \"$@\"\n");
    Files.setPosixFilePermissions(context.resolve("entrypoint"), PosixFilePermissions.fromString("rwxr-xr-x"));
    // The image's own user is another one than the agent's (root here, as the image's base would
    // be): "ran-as" then shows that the entrypoint ran as the mapped user, not the image's.
    Files.writeString(context.resolve("Dockerfile"), "FROM " + TestDocker.BUSYBOX + "\nCOPY entrypoint /entrypoint\n"
        + "USER " + IMAGE_USER + ":" + IMAGE_USER + "\nENTRYPOINT [\"/entrypoint\"]\n");
    docker.docker.buildImageCmd(context.toFile()).withTags(Set.of(image)).withLabels(docker.labels())
        .exec(new BuildImageResultCallback()).awaitImageId();
  }

  @AfterAll
  static void removeImage() throws Exception {
    try {
      docker.docker.removeImageCmd(image).withForce(true).exec();
    } finally {
      docker.close();
    }
  }

  private static String expected(int uid) {
    return "var=set-up\nmode=664\nran-as=" + uid + "\n";
  }

  @Test
  void run_theEntrypointSetsUpTheCommand() throws Exception {
    Path ws = Files.createDirectories(root.resolve("run-ws"));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    SessionSpec spec = SessionSpec.builder(image, AGENT_USER).mount(Mount.samePath(ws.toString()))
        .workdir(ws.toString()).labels(docker.labels()).command(List.of("sh", "-c", SCRIPT)).build();

    int code = new RunContainerStep(docker.docker, spec, null, out, OutputStream.nullOutputStream(), line -> { })
        .call();

    assertThat(code).isZero();
    assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo(expected(AGENT_USER.uid()));
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(ws.resolve("made-by-step"))))
        .isEqualTo("rw-rw-r--");
  }

  @Test
  void insideEsperanto_everyShStepSeesWhatTheEntrypointSetUp_andWithEnvStillWins() throws Exception {
    Path ws = Files.createDirectories(root.resolve("block-ws"));
    RecordingListener startLog = new RecordingListener();
    try (InProcessChannel channel = new InProcessChannel()) {
      String id = startBlock(channel, ws, startLog);
      Launcher launcher = new ContainerLauncherDecorator(id).decorate(new RecordingLauncher(startLog, channel), null);
      RecordingListener first = new RecordingListener();
      RecordingListener second = new RecordingListener();

      DurableShell sh = new DurableShell(ws, launcher);
      sh.launch(SCRIPT, Map.of(), first);
      int code = sh.await(first, Duration.ofSeconds(30));
      DurableShell withEnv = new DurableShell(ws, launcher);
      withEnv.launch("echo \"var=$FROM_ENTRYPOINT\"", Map.of("FROM_ENTRYPOINT", "from-withEnv"), second);
      int secondCode = withEnv.await(second, Duration.ofSeconds(30));

      assertThat(code).isZero();
      assertThat(outputLines(first.text())).isEqualTo(expected(AGENT_USER.uid()));
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(ws.resolve("made-by-step"))))
          .isEqualTo("rw-rw-r--");
      assertThat(secondCode).isZero();
      assertThat(outputLines(second.text())).isEqualTo("var=from-withEnv\n");
      assertThat(startLog.text()).contains("[entrypoint] entrypoint says hello");
      // durable-task stops showing the wrapper's output after ten launches in a workspace and
      // reads it back instead (readStdout), never consuming it: the same outcome.
      for (int i = 0; i < 9; i++) {
        DurableShell more = new DurableShell(ws, launcher);
        more.launch("true", Map.of(), new RecordingListener());
        assertThat(more.await(new RecordingListener(), Duration.ofSeconds(30))).isZero();
      }
      RecordingListener eleventh = new RecordingListener();
      DurableShell late = new DurableShell(ws, launcher);
      late.launch(SCRIPT, Map.of(), eleventh);
      assertThat(late.await(eleventh, Duration.ofSeconds(30))).isZero();
      assertThat(outputLines(eleventh.text())).isEqualTo(expected(AGENT_USER.uid()));
      channel.call(new ContainerCalls.Remove(id, "unused"));
    }
  }

  @Test
  void insideEsperanto_stoppingAShStep_killsItsScriptByTheCookie_andTheWrapperRecordsIt() throws Exception {
    Path ws = Files.createDirectories(root.resolve("stop-ws"));
    RecordingListener log = new RecordingListener();
    try (InProcessChannel channel = new InProcessChannel()) {
      String id = startBlock(channel, ws, log);
      RecordingLauncher agentLauncher = new RecordingLauncher(log, channel);
      Launcher launcher = new ContainerLauncherDecorator(id).decorate(agentLauncher, null);
      DurableShell sh = new DurableShell(ws, launcher);
      sh.launch("echo started; sleep 120", Map.of(), log);
      for (int i = 0; i < 100 && !log.text().contains("started"); i++) {
        sh.poll(log);
        Thread.sleep(100);
      }

      sh.stop();

      assertThat(sh.await(log, Duration.ofSeconds(30))).isEqualTo(137);
      assertThat(agentLauncher.kills).containsExactly(Map.of("JENKINS_SERVER_COOKIE", sh.cookie()));
      channel.call(new ContainerCalls.Remove(id, "unused"));
    }
  }

  /** Starts a block's container as {@code insideEsperanto} does, through the agent call; returns its id. */
  private static String startBlock(InProcessChannel channel, Path ws, RecordingListener log) throws Exception {
    Map<String, String> labels = new HashMap<>(docker.labels());
    labels.put(EngineContainers.BLOCK_LABEL, UUID.randomUUID().toString());
    return channel.call(new ContainerCalls.Start(SessionRequest.of(image, ws.toString(), ws + "@tmp", Map.of(),
        List.of(), List.of(), labels), List.of(), log));
  }

  /** The script's own output: {@code sh -x} trace lines left out. */
  private static String outputLines(String log) {
    StringBuilder out = new StringBuilder();
    for (String line : log.split("\n")) {
      if (!line.startsWith("+")) {
        out.append(line).append('\n');
      }
    }
    return out.toString();
  }
}
