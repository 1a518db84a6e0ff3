package io.jenkins.plugins.esperanto.doubles;

import hudson.EnvVars;
import hudson.FilePath;
import hudson.Launcher;
import hudson.model.TaskListener;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The {@code sh} step as durable-task runs it: models BourneShellScript.launchWithCookie with its
 * script launcher (scriptLauncherCmd) and FileMonitoringController (jenkinsci/durable-task-plugin,
 * src/main/java/org/jenkinsci/plugins/durabletask/BourneShellScript.java, read at 012fb61ddf15; that
 * snapshot always takes binaryLauncherCmd, released versions only when USE_BINARY_WRAPPER is set, off
 * by default, so the script launcher is what agents run; the BOM's 686.v80ff80875b_82 was not readable). The control folder
 * {@code <ws>@tmp/durable-<id>} is created as the agent user; the script goes to
 * {@code script.sh}; one launch of {@code sh -c '(<wrapper>) >&- 2>&- &'} with every {@code $}
 * doubled, the whole job environment (also escaped) plus {@code JENKINS_SERVER_COOKIE=please-do-not-kill-me},
 * the workspace as working folder, quiet; the wrapper's own output goes to the build log for the
 * first {@value #NOVEL_WORKSPACE_DIAGNOSTICS_COUNT} launches in a workspace and is read back but
 * never consumed after that ({@code readStdout().readStderr()}); then the log file is polled from
 * the last offset until the result file appears. Stopping kills by the cookie.
 */
public final class DurableShell {
  static final String COOKIE_VARIABLE = "JENKINS_SERVER_COOKIE";
  static final int NOVEL_WORKSPACE_DIAGNOSTICS_COUNT = 10;
  private static final Map<Path, Integer> ENCOUNTERED = new java.util.HashMap<>();

  private final Path workspace;
  private final Launcher launcher;
  private final String cookie = "durable-" + UUID.randomUUID().toString().replace("-", "");
  private Path controlDir;
  private long logOffset;

  /**
   * @param workspace the workspace on the "agent" (this machine)
   * @param launcher the launcher the {@code sh} step gets from its context (decorated)
   */
  public DurableShell(Path workspace, Launcher launcher) {
    this.workspace = workspace;
    this.launcher = launcher;
  }

  /** The cookie the script's processes carry. */
  public String cookie() {
    return cookie;
  }

  /**
   * Launches {@code script} as {@code sh} does and returns at once, as the step does.
   *
   * @param jobEnv the variables the job adds ({@code withEnv}); the agent's own are added here
   */
  public void launch(String script, Map<String, String> jobEnv, TaskListener listener)
      throws IOException, InterruptedException {
    // FileMonitoringController: the control folder is made (mkdirs) in WorkspaceList.tempDir(ws).
    controlDir = Files.createDirectories(Path.of(workspace + "@tmp").resolve(cookie.substring(0, 16)));
    Path scriptFile = controlDir.resolve("script.sh");
    Files.writeString(scriptFile, script, StandardCharsets.UTF_8);
    Path log = controlDir.resolve("jenkins-log.txt");
    Path result = controlDir.resolve("jenkins-result.txt");
    String wrapper = String.format("pid=$$; { while [ \\( -d /proc/$pid -o \\! -d /proc/$$ \\) -a -d '%s' -a \\! -f '%s' ];"
        + " do touch '%s'; sleep 3; done } & jsc=%s; %s=$jsc 'sh' -xe '%s' > '%s' 2>&1; echo $? > '%s.tmp';"
        + " mv '%s.tmp' '%s'; wait", controlDir, result, log, cookie, COOKIE_VARIABLE, scriptFile, log, result, result,
        result);
    EnvVars env = new EnvVars(System.getenv());
    env.putAll(jobEnv);
    env.put(COOKIE_VARIABLE, "please-do-not-kill-me");
    List<String> escaped = new ArrayList<>();
    env.forEach((k, v) -> escaped.add(k + "=" + v.replace("$", "$$")));
    Launcher.ProcStarter ps = launcher.launch().cmds("sh", "-c", ("(" + wrapper + ") >&- 2>&- &").replace("$", "$$"))
        .envs(escaped.toArray(new String[0])).pwd(new FilePath(launcher.getChannel(), workspace.toString()))
        .quiet(true);
    boolean novel;
    synchronized (ENCOUNTERED) {
      int count = ENCOUNTERED.getOrDefault(workspace, 0);
      novel = count < NOVEL_WORKSPACE_DIAGNOSTICS_COUNT;
      ENCOUNTERED.put(workspace, count + 1);
    }
    if (novel) {
      ps.stdout(listener.getLogger());
    } else {
      // "Suppress output to save a thread": both streams reversed, neither ever read.
      ps.readStdout().readStderr();
    }
    ps.start();
  }

  /**
   * Polls the log and the result file as the step's execution does, until the script ends or
   * {@code timeout} passes; returns the exit code, the log so far going to {@code listener}.
   */
  public int await(TaskListener listener, Duration timeout) throws IOException, InterruptedException {
    Path result = controlDir.resolve("jenkins-result.txt");
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      copyNewLog(listener);
      if (Files.exists(result)) {
        String text = Files.readString(result).trim();
        if (!text.isEmpty()) {
          copyNewLog(listener);
          return Integer.parseInt(text);
        }
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError("the sh step did not end within " + timeout + "; log: " + controlDir);
      }
      Thread.sleep(100);
    }
  }

  /** One poll of the log, as the step's execution does between checks of the result. */
  public void poll(TaskListener listener) throws IOException {
    copyNewLog(listener);
  }

  /** What {@code DurableTaskStep.Execution.stop} does: kill by the cookie. */
  public void stop() throws IOException, InterruptedException {
    launcher.kill(Map.of(COOKIE_VARIABLE, cookie));
  }

  private void copyNewLog(TaskListener listener) throws IOException {
    Path log = controlDir.resolve("jenkins-log.txt");
    if (!Files.exists(log)) {
      return;
    }
    byte[] all = Files.readAllBytes(log);
    if (all.length > logOffset) {
      listener.getLogger().write(all, (int) logOffset, (int) (all.length - logOffset));
      logOffset = all.length;
    }
  }
}
