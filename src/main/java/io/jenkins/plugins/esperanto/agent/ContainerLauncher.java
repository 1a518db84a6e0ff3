package io.jenkins.plugins.esperanto.agent;

import hudson.Launcher;
import hudson.Proc;
import hudson.remoting.RemoteOutputStream;
import hudson.remoting.VirtualChannel;
import io.jenkins.plugins.esperanto.engine.api.EsperantoException;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Future;
import jenkins.security.MasterToSlaveCallable;

/**
 * A launcher whose processes run in a container, through the Engine API instead of a
 * {@code docker exec} command line: {@link #launch} sends one callable to the agent, which
 * executes the command with the engine ({@link EngineContainers#exec}) and streams its output
 * back. {@link #kill} kills by environment variable inside the container, which is how Jenkins
 * stops a {@code sh} step (durable-task passes its {@code JENKINS_SERVER_COOKIE}); no {@code ps}
 * is needed in the image.
 */
final class ContainerLauncher extends Launcher.DecoratedLauncher {
  private final String containerId;

  ContainerLauncher(Launcher inner, String containerId) {
    super(inner);
    this.containerId = containerId;
  }

  @Override
  public Proc launch(ProcStarter starter) throws IOException {
    VirtualChannel channel = requireChannel();
    if (!starter.quiet()) {
      getListener().getLogger().println(CommandLines.display(containerId, starter.cmds(), starter.masks()));
    }
    String execId = UUID.randomUUID().toString();
    OutputStream stdout = starter.stdout();
    StdoutBuffer readableStdout = null;
    if (stdout == null) {
      // The caller reads the output from Proc.getStdout(), as after ProcStarter.readStdout().
      readableStdout = new StdoutBuffer();
      stdout = readableStdout.writer();
    }
    OutputStream stderr = starter.stderr() == null ? stdout : starter.stderr();
    Optional<String> workdir = Optional.ofNullable(starter.pwd()).map(p -> p.getRemote());
    Exec exec = new Exec(containerId, Arrays.asList(starter.envs()), starter.cmds(), workdir.orElse(null), execId,
        new RemoteOutputStream(stdout), stderr == stdout ? null : new RemoteOutputStream(stderr),
        readableStdout != null);
    Future<Integer> result = channel.callAsync(exec);
    return new ContainerProc(result, readableStdout == null ? null : readableStdout.reader(),
        () -> kill(Map.of(EngineContainers.EXEC_ID_VARIABLE, execId)));
  }

  @Override
  public void kill(Map<String, String> modelEnvVars) throws IOException, InterruptedException {
    VirtualChannel channel = requireChannel();
    for (Map.Entry<String, String> e : modelEnvVars.entrySet()) {
      channel.call(new Kill(containerId, e.getKey(), e.getValue()));
    }
    // Processes the body started on the agent itself (outside the container) are the inner launcher's.
    getInner().kill(modelEnvVars);
  }

  private VirtualChannel requireChannel() throws IOException {
    VirtualChannel channel = getChannel();
    if (channel == null) {
      throw new IOException("Tried to run a command in container " + CommandLines.shortId(containerId)
          + " but the agent is not connected; reconnect the agent");
    }
    return channel;
  }

  /** Runs one command in the container and returns its exit code. */
  static final class Exec extends MasterToSlaveCallable<Integer, IOException> {
    private static final long serialVersionUID = 1L;
    private final String containerId;
    private final ArrayList<String> env;
    private final ArrayList<String> command;
    private final String workdir;
    private final String execId;
    private final RemoteOutputStream stdout;
    private final RemoteOutputStream stderr;
    private final boolean closeStdout;

    /**
     * @param closeStdout true when {@code stdout} is our own pipe to {@link Proc#getStdout()}, which
     *     the reader needs closed; a caller's stream (the build log!) is only flushed
     */
    Exec(String containerId, List<String> env, List<String> command, String workdir, String execId,
        RemoteOutputStream stdout, RemoteOutputStream stderr, boolean closeStdout) {
      this.containerId = containerId;
      this.env = new ArrayList<>(env);
      this.command = new ArrayList<>(command);
      this.workdir = workdir;
      this.execId = execId;
      this.stdout = stdout;
      this.stderr = stderr;
      this.closeStdout = closeStdout;
    }

    @Override
    public Integer call() throws IOException {
      try {
        return EngineContainers.exec(containerId, env, command, Optional.ofNullable(workdir), execId, stdout,
            stderr == null ? stdout : stderr);
      } catch (EsperantoException e) {
        throw new IOException(e.getMessage(), e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException("Interrupted while running " + command.get(0) + " in container "
            + CommandLines.shortId(containerId), e);
      } finally {
        stdout.flush();
        if (stderr != null) {
          stderr.flush();
        }
        if (closeStdout) {
          stdout.close();
        }
      }
    }
  }

  /** Kills the processes in the container whose environment holds {@code name=value}. */
  static final class Kill extends MasterToSlaveCallable<Integer, IOException> {
    private static final long serialVersionUID = 1L;
    private final String containerId;
    private final String name;
    private final String value;

    Kill(String containerId, String name, String value) {
      this.containerId = containerId;
      this.name = name;
      this.value = value;
    }

    @Override
    public Integer call() throws IOException {
      try {
        return EngineContainers.kill(containerId, name, value);
      } catch (EsperantoException e) {
        throw new IOException(e.getMessage(), e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException("Interrupted while killing processes in " + CommandLines.shortId(containerId), e);
      }
    }
  }
}
