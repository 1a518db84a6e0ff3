package io.jenkins.plugins.esperanto.engine.run;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.exception.NotFoundException;
import io.jenkins.plugins.esperanto.engine.api.EsperantoException;
import io.jenkins.plugins.esperanto.engine.api.Printable;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A long-lived container in which a pipeline block executes its commands, one {@link
 * #exec} per command, removed by {@link #close()}.
 *
 * <p><b>Keep-alive.</b> The image's own entrypoint runs, with the spec's entrypoint arguments
 * followed by a keep-alive command as its arguments: {@code /bin/sh -c 'echo <marker> $$
 * $(umask); while read -r _; do :; done' esperanto-keepalive}. An entrypoint that does its setup
 * and then {@code exec "$@"} (the usual shape) therefore keeps its setup, and the marker on the
 * container's output tells us that setup is over, so no command of the block runs before it.
 * The marker line also names the keep-alive's pid and umask: what the entrypoint exported and
 * its umask are then applied to every {@link #exec} ({@link EntrypointSetup}), since an exec
 * bypasses the entrypoint; and the kill script spares exactly that process.
 * The loop waits on the container's stdin, which is kept open and never written: only shell
 * builtins are needed, no {@code sleep} or {@code cat}. Docker's init runs as PID 1 (reaps
 * the zombies that build tools leave, forwards {@code docker stop}'s SIGTERM).
 *
 * <p>If the entrypoint exits instead, or does not hand over within the spec's start timeout
 * (it ignores its arguments), the container is removed, one line says so, and a new one is
 * created with the entrypoint cleared and the keep-alive as its command. If even that fails the
 * image has no usable {@code /bin/sh}, which the block's {@code sh} steps would need anyway.
 *
 * <p>With {@link SessionSpec#keepAlive()} false, the entrypoint runs the spec's command as the
 * main process instead, and the session lives as long as that process.
 */
public final class ContainerSession implements AutoCloseable {
  /** The keep-alive's {@code $0}, so that {@code ps} shows what it is. */
  static final String KEEPALIVE_TAG = "esperanto-keepalive";
  private static final Pattern MARKER = Pattern.compile("esperanto-ready-[0-9a-f-]{36}");

  private final DockerClient docker;
  private final String containerId;
  private final EntrypointSetup setup;
  private volatile boolean closed;

  private ContainerSession(DockerClient docker, String containerId, EntrypointSetup setup) {
    this.docker = docker;
    this.containerId = containerId;
    this.setup = setup;
  }

  /**
   * Creates and starts a container for {@code spec}, user mapping applied, and waits until the
   * image's entrypoint has handed over to the keep-alive.
   *
   * @param log receives progress lines and the entrypoint's own output
   * @throws MissingImageException when the image is not in the local engine
   * @throws MissingMountSourceException when a mount source or device does not exist
   * @throws ContainerRunException when the container cannot be created or kept alive; no
   *     container is left behind
   */
  public static ContainerSession start(DockerClient docker, SessionSpec spec, Consumer<String> log)
      throws EsperantoException {
    if (!spec.keepAlive()) {
      List<String> args = new ArrayList<>(spec.entrypointArgs());
      args.addAll(spec.command());
      ContainerShape shape = new ContainerShape("session", Optional.empty(), args, true, true, false, false);
      CreatedContainer created = new CreateContainerStep(docker, spec, shape, log).call();
      startOrRemove(docker, spec, created.id());
      return new ContainerSession(docker, created.id(), null);
    }
    String marker = "esperanto-ready-" + UUID.randomUUID();
    List<String> withEntrypoint = new ArrayList<>(spec.entrypointArgs());
    withEntrypoint.addAll(keepAlive(marker));
    ContainerSession session = startKeepAlive(docker, spec, Optional.empty(), withEntrypoint, marker, log);
    if (session != null) {
      return session;
    }
    log.accept("The entrypoint of " + spec.imageReference() + " did not run its arguments (the"
        + " keep-alive); running the block without the image's entrypoint");
    session = startKeepAlive(docker, spec, Optional.of(List.of("")), keepAlive(marker), marker, log);
    if (session != null) {
      return session;
    }
    throw new ContainerRunException(
        "Tried to keep a container of '" + spec.imageReference() + "' running but /bin/sh -c"
            + " exited at once; the image needs a POSIX shell at /bin/sh",
        spec.imageReference(), null);
  }

  /**
   * A session for a container started earlier (e.g. before a Jenkins controller restart).
   *
   * @throws ContainerRunException when the container no longer exists or is not running
   */
  public static ContainerSession reattach(DockerClient docker, String containerId)
      throws EsperantoException {
    try {
      InspectContainerResponse inspect = docker.inspectContainerCmd(containerId).exec();
      if (!Boolean.TRUE.equals(inspect.getState().getRunning())) {
        throw new ContainerRunException(
            "Tried to reattach to container " + containerId + " but it is not running (status "
                + inspect.getState().getStatus() + "); start the block again",
            null, containerId);
      }
      return new ContainerSession(docker, inspect.getId(), readSetup(docker, inspect));
    } catch (NotFoundException e) {
      throw new ContainerRunException(
          "Tried to reattach to container " + containerId + " but it no longer exists; start the"
              + " block again",
          null, containerId, e);
    }
  }

  /**
   * What the entrypoint of a kept-alive session set up, as it was read when the session was
   * started or reattached; empty for a session whose main process is the command itself.
   */
  public Optional<EntrypointSetup> entrypointSetup() {
    return Optional.ofNullable(setup);
  }

  /**
   * Stops (1 s grace) and removes a session's container by its id, without reattaching (which
   * reads the entrypoint's setup): what an abort or the end of a block needs; never throws.
   */
  public static void remove(DockerClient docker, String containerId) {
    new RemoveContainerStep(docker, containerId, true).call();
  }

  /** The id of the container. */
  public String containerId() {
    return containerId;
  }

  /**
   * Executes a command in the container and returns its exit code, copying its stdout and
   * stderr separately.
   *
   * @param stdin fed to the command, or {@code null} for none
   * @throws ContainerRunException when Docker cannot execute it (container gone, no such
   *     program is reported as exit code 126/127 by Docker, not as an exception)
   * @throws InterruptedException when interrupted while waiting; the command keeps running
   *     (use {@link #killProcessesWithEnv})
   */
  public int exec(ExecRequest request, InputStream stdin, OutputStream stdout, OutputStream stderr)
      throws EsperantoException, InterruptedException {
    ExecRequest applied = setup == null ? request : setup.applyTo(request);
    return new ExecCommandStep(docker, containerId, applied, stdin, stdout, stderr).call();
  }

  /**
   * Kills every process in the container whose environment holds {@code name=value}, without
   * needing {@code ps} in the image (see {@link KillProcessesStep}).
   *
   * @return how many processes were killed
   */
  public int killProcessesWithEnv(String name, String value)
      throws EsperantoException, InterruptedException {
    return new KillProcessesStep(docker, containerId, name, value,
        setup == null ? OptionalInt.empty() : OptionalInt.of(setup.keepAlivePid())).call();
  }

  /** Stops (1 s grace) and removes the container with its volumes; idempotent, never throws. */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    new RemoveContainerStep(docker, containerId, true).call();
  }

  static List<String> keepAlive(String marker) {
    return List.of("/bin/sh", "-c", "echo " + marker + " $$ $(umask); while read -r _; do :; done",
        KEEPALIVE_TAG);
  }

  /**
   * The setup of a container started by {@link #start} with a keep-alive: its marker is in the
   * container's command, and the marker line in its output; null for any other container.
   */
  private static EntrypointSetup readSetup(DockerClient docker, InspectContainerResponse inspect)
      throws EsperantoException {
    String[] cmd = inspect.getConfig().getCmd();
    Matcher marker = MARKER.matcher(cmd == null ? "" : String.join(" ", cmd));
    if (!marker.find()) {
      return null;
    }
    try {
      Optional<String> announcement =
          new AwaitMarkerStep(docker, inspect.getId(), marker.group(), Duration.ofSeconds(10), line -> { }).call();
      return announcement.isEmpty() ? null : EntrypointSetup.read(docker, inspect.getId(), announcement.get());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ContainerRunException("Interrupted while reattaching to container " + inspect.getId(), null,
          inspect.getId(), e);
    }
  }

  /** Returns the session whose keep-alive runs, or null (container removed) when it did not. */
  private static ContainerSession startKeepAlive(DockerClient docker, SessionSpec spec,
      Optional<List<String>> entrypoint, List<String> args, String marker, Consumer<String> log)
      throws EsperantoException {
    ContainerShape shape = new ContainerShape("session", entrypoint, args, true, true, false, false);
    CreatedContainer created = new CreateContainerStep(docker, spec, shape, log).call();
    String id = created.id();
    startOrRemove(docker, spec, id);
    EntrypointSetup setup;
    try {
      Optional<String> announcement = new AwaitMarkerStep(docker, id, marker, spec.startTimeout(), log).call();
      if (announcement.isEmpty()) {
        RemoveContainerStep.quietly(docker, id);
        return null;
      }
      setup = EntrypointSetup.read(docker, id, announcement.get());
    } catch (InterruptedException e) {
      RemoveContainerStep.quietly(docker, id);
      Thread.currentThread().interrupt();
      throw new ContainerRunException("Interrupted while starting a container of '"
          + spec.imageReference() + "'", spec.imageReference(), id, e);
    } catch (RuntimeException | ContainerRunException e) {
      RemoveContainerStep.quietly(docker, id);
      throw e;
    }
    return new ContainerSession(docker, id, setup);
  }

  private static void startOrRemove(DockerClient docker, SessionSpec spec, String id)
      throws ContainerRunException {
    try {
      docker.startContainerCmd(id).exec();
    } catch (DockerException e) {
      RemoveContainerStep.quietly(docker, id);
      throw new ContainerRunException(
          "Tried to start a container of '" + spec.imageReference() + "' but failed because "
              + Printable.of(String.valueOf(e.getMessage()).replace('\n', ' ').trim())
              + "; check the run options (groups, devices, network)",
          spec.imageReference(), id, e);
    }
  }
}
