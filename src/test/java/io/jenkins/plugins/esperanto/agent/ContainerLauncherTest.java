package io.jenkins.plugins.esperanto.agent;

import static org.assertj.core.api.Assertions.assertThat;

import hudson.FilePath;
import hudson.Launcher;
import hudson.Proc;
import io.jenkins.plugins.esperanto.doubles.InProcessChannel;
import io.jenkins.plugins.esperanto.doubles.RecordingLauncher;
import io.jenkins.plugins.esperanto.doubles.RecordingListener;
import io.jenkins.plugins.esperanto.fixtures.TestDocker;
import io.jenkins.plugins.esperanto.engine.run.UserIdentity;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Tests for {@link ContainerLauncher} and {@link ContainerLauncherDecorator}: the path below the
 * glue, end to end, against the real Docker Engine. The "agent" is this JVM
 * ({@link InProcessChannel}); the container runs as uid 1234, not root.
 */
class ContainerLauncherTest {
  private static final UserIdentity BUILDER = UserIdentity.of(1234, 1234, List.of(), "builder", "builder");
  private static TestDocker docker;
  private static InProcessChannel channel;
  private static Path workspace;
  private static String containerId;
  private static final List<String> startLog = new ArrayList<>();

  @BeforeAll
  static void startContainer() throws Exception {
    docker = new TestDocker();
    channel = new InProcessChannel();
    workspace = freshWorkspace();
    Map<String, String> labels = new HashMap<>(docker.labels());
    labels.put(EngineContainers.BLOCK_LABEL, UUID.randomUUID().toString());
    SessionRequest request = SessionRequest.of(TestDocker.BUSYBOX, workspace.toString(), workspace + "@tmp",
        Map.of("FROM_STEP", "yes"), List.of(), List.of(), labels);
    containerId = EngineContainers.start(request, BUILDER, startLog::add);
  }

  /**
   * A workspace as the {@code node} step leaves it: created, no {@code @tmp} beside it (durable-task
   * creates that on the first {@code sh}). World-writable only because this JVM (the "agent") is
   * root while the container runs as uid 1234; on a real agent both are the agent user.
   */
  static Path freshWorkspace() throws Exception {
    Path root = Files.createTempDirectory("esperanto-glue");
    Path ws = Files.createDirectories(root.resolve("ws"));
    for (Path p : List.of(root, ws)) {
      Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxrwxrwx"));
    }
    return ws;
  }

  @AfterAll
  static void removeContainers() throws Exception {
    channel.close();
    docker.close();
  }

  private Launcher launcher(RecordingListener listener) {
    return new ContainerLauncherDecorator(containerId).decorate(new RecordingLauncher(listener, channel), null);
  }

  private static String agentPath() {
    return System.getenv("PATH");
  }

  @Test
  void launch_runsInTheContainer_withEnvWorkdirAndPathEdits() throws Exception {
    Files.createDirectories(workspace.resolve("sub"));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int code = launcher(new RecordingListener()).launch()
        // $ doubled, as durable-task does: a launch expands variables in the arguments.
        .cmds("sh", "-c", "echo \"$$GREETING\"; pwd; id -u; echo \"$$PATH\"; echo \"$$FROM_STEP\"; echo \"$$HOME\"")
        .envs("GREETING=hello $$USER", "PATH=/opt/tools/bin:" + agentPath(), "HOME=" + System.getenv("HOME"))
        .pwd(new FilePath(channel, workspace.resolve("sub").toString()))
        .stdout(out).quiet(true).join();

    assertThat(code).isZero();
    assertThat(out.toString(StandardCharsets.UTF_8).split("\n")).containsExactly(
        "hello $USER", workspace.resolve("sub").toString(), "1234",
        "/opt/tools/bin:/usr/local/bin:/usr/bin:/bin:/usr/sbin:/sbin", "yes", "/home/builder");
  }

  @Test
  void start_freshWorkspace_createsTheTmpFolderBeforeTheContainer_asDockerWorkflowDoes() throws Exception {
    Path ws = freshWorkspace().resolve("never-built");
    Map<String, String> labels = new HashMap<>(docker.labels());
    labels.put(EngineContainers.BLOCK_LABEL, UUID.randomUUID().toString());

    String id = EngineContainers.start(SessionRequest.of(TestDocker.BUSYBOX, ws.toString(), ws + "@tmp", Map.of(),
        List.of(), List.of(), labels), BUILDER, line -> { });

    assertThat(docker.exists(id)).isTrue();
    assertThat(ws).isDirectory();
    assertThat(Path.of(ws + "@tmp")).isDirectory();
    new ContainerCalls.Remove(id, "unused").call();
  }

  @Test
  @org.junit.jupiter.api.Timeout(30)
  void launch_readStdout_neverRead_doesNotHoldTheCommand_asBourneShellScriptNeverReadsIt() throws Exception {
    // durable-task launches with readStdout() and only registers the stream for cleanup.
    Proc proc = launcher(new RecordingListener()).launch().cmds("sh", "-c", "head -c 300000 /dev/zero; echo done")
        .readStdout().quiet(true).start();

    assertThat(proc.join()).isZero();
    proc.getStdout().close();
  }

  @Test
  @org.junit.jupiter.api.Timeout(30)
  void launch_readStdout_readerOnAThreadThatHasEnded_doesNotBreakTheCommand() throws Exception {
    Proc proc = launcher(new RecordingListener()).launch().cmds("sh", "-c", "echo one; sleep 1; echo two")
        .readStdout().quiet(true).start();
    // The first line is read on a pooled thread that then ends, as remoting's request threads do.
    Thread first = new Thread(() -> {
      try {
        proc.getStdout().read(new byte[4]);
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    });
    first.start();
    first.join();

    assertThat(proc.join()).isZero();
    assertThat(new String(proc.getStdout().readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("two\n");
  }

  @Test
  void start_keepsTheStepsEnvOutOfTheContainersConfiguration_yetEveryCommandSeesIt() throws Exception {
    String[] config = docker.docker.inspectContainerCmd(containerId).exec().getConfig().getEnv();
    ByteArrayOutputStream out = new ByteArrayOutputStream();

    launcher(new RecordingListener()).launch().cmds("sh", "-c", "echo $$FROM_STEP").stdout(out).quiet(true).join();

    assertThat(String.join("\n", config)).doesNotContain("FROM_STEP");
    assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("yes\n");
  }

  @Test
  void launch_returnsTheExitCode() throws Exception {
    int code = launcher(new RecordingListener()).launch().cmds("sh", "-c", "exit 3").quiet(true).join();

    assertThat(code).isEqualTo(3);
  }

  @Test
  void launch_leavesTheCallersOutputOpen_sinceItMayBeTheBuildLog() throws Exception {
    java.util.concurrent.atomic.AtomicBoolean closed = new java.util.concurrent.atomic.AtomicBoolean();
    ByteArrayOutputStream log = new ByteArrayOutputStream() {
      @Override
      public void close() {
        closed.set(true);
      }
    };

    launcher(new RecordingListener()).launch().cmds("echo", "one").stdout(log).quiet(true).join();

    assertThat(log.toString(StandardCharsets.UTF_8)).isEqualTo("one\n");
    assertThat(closed).isFalse();
  }

  @Test
  void launch_filesCreatedInTheWorkspace_belongToTheAgentUser() throws Exception {
    launcher(new RecordingListener()).launch().cmds("touch", "made-inside")
        .pwd(new FilePath(channel, workspace.toString())).quiet(true).join();

    assertThat(Files.getAttribute(workspace.resolve("made-inside"), "unix:uid")).isEqualTo(1234);
  }

  @Test
  void launch_notQuiet_printsTheCommandWithMasks() throws Exception {
    RecordingListener listener = new RecordingListener();
    launcher(listener).launch().cmds("echo", "token-value-42").masks(false, true).stdout(new ByteArrayOutputStream())
        .join();

    assertThat(listener.text()).contains("$ echo ********").doesNotContain("token-value-42");
  }

  @Test
  void launch_readStdout_givesTheOutputThroughTheProc() throws Exception {
    Proc proc = launcher(new RecordingListener()).launch().cmds("echo", "piped").readStdout().quiet(true).start();

    String text = new String(proc.getStdout().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(proc.join()).isZero();
    assertThat(text).isEqualTo("piped\n");
  }

  @Test
  @org.junit.jupiter.api.Timeout(20)
  void kill_byCookie_killsTheBackgroundedScript_asDurableTaskStopsIt() throws Exception {
    RecordingListener listener = new RecordingListener();
    RecordingLauncher agentLauncher = new RecordingLauncher(listener, channel);
    Launcher launcher = new ContainerLauncherDecorator(containerId).decorate(agentLauncher, null);
    String cookie = "durable-" + UUID.randomUUID();
    Path result = workspace.resolve("result-" + cookie);
    // The shape of durable-task's launch: backgrounded, output closed, $ doubled (the busybox
    // fixture has no nohup, which changes nothing here: no terminal hangs up).
    int launched = launcher.launch()
        .cmds("sh", "-c", "(jsc=" + cookie + "; JENKINS_SERVER_COOKIE=$$jsc sh -c 'sleep 60'; echo $$? > " + result
            + ") >&- 2>&- &")
        .envs("JENKINS_SERVER_COOKIE=please-do-not-kill-me").quiet(true).join();
    assertThat(launched).isZero();
    assertThat(processesWithCookie(launcher, cookie)).isPositive();

    launcher.kill(Map.of("JENKINS_SERVER_COOKIE", cookie));

    assertThat(processesWithCookie(launcher, cookie)).isZero();
    assertThat(agentLauncher.kills).containsExactly(Map.of("JENKINS_SERVER_COOKIE", cookie));
    // As with durable-task's wrapper: the script died by SIGKILL and the wrapper records it.
    for (int i = 0; i < 50 && !Files.exists(result); i++) {
      Thread.sleep(100);
    }
    assertThat(result).hasContent("137");
  }

  @Test
  @org.junit.jupiter.api.Timeout(20)
  void procKill_stopsAForegroundCommand() throws Exception {
    Proc proc = launcher(new RecordingListener()).launch().cmds("sleep", "30").quiet(true)
        .stdout(new ByteArrayOutputStream()).start();
    Thread.sleep(1000);
    assertThat(proc.isAlive()).isTrue();

    proc.kill();

    assertThat(proc.isAlive()).isFalse();
    assertThat(proc.join()).isNotZero();
  }

  @Test
  void remove_removesTheContainer_byIdOrByBlockLabel() throws Exception {
    String block = UUID.randomUUID().toString();
    Map<String, String> labels = new HashMap<>(docker.labels());
    labels.put(EngineContainers.BLOCK_LABEL, block);
    SessionRequest request = SessionRequest.of(TestDocker.BUSYBOX, workspace.toString(), workspace + "@tmp", Map.of(),
        List.of(), List.of(), labels);
    String first = EngineContainers.start(request, BUILDER, line -> { });
    String second = EngineContainers.start(request, BUILDER, line -> { });

    int byId = new ContainerCalls.Remove(first, block).call();
    int byLabel = new ContainerCalls.Remove(null, block).call();

    assertThat(byId).isEqualTo(1);
    assertThat(byLabel).isEqualTo(1);
    assertThat(docker.exists(first)).isFalse();
    assertThat(docker.exists(second)).isFalse();
    assertThat(new ContainerCalls.Remove(first, block).call()).isEqualTo(1);
  }

  /** How many processes in the container carry the cookie in their environment. */
  private static int processesWithCookie(Launcher launcher, String cookie) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    // The entry is split over two variables so that the searching processes do not match themselves.
    launcher.launch().cmds("sh", "-c", "grep -l \"$${A}$${B}\" /proc/[0-9]*/environ 2>/dev/null | wc -l")
        .envs("A=JENKINS_SERVER_COOKIE=", "B=" + cookie).stdout(out).quiet(true).join();
    return Integer.parseInt(out.toString(StandardCharsets.UTF_8).trim());
  }
}
