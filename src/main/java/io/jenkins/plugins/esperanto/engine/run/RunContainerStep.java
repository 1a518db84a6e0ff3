package io.jenkins.plugins.esperanto.engine.run;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.AttachContainerCmd;
import com.github.dockerjava.api.command.WaitContainerResultCallback;
import com.github.dockerjava.api.exception.DockerException;
import io.jenkins.plugins.esperanto.engine.api.EsperantoException;
import io.jenkins.plugins.esperanto.engine.api.Printable;
import io.jenkins.plugins.esperanto.engine.docker.DockerConnection;
import io.jenkins.plugins.esperanto.engine.docker.DockerEndpoint;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Runs one command in a new container of an image, as {@code esperanto run} does, and returns
 * its exit code.
 *
 * <p>The image's entrypoint runs with {@link SessionSpec#entrypointArgs()} followed by {@link
 * SessionSpec#command()} as its arguments (the image's {@code CMD} when both are empty), as the
 * caller's user ({@link CreateContainerStep}). Without a terminal, stdout and stderr stay
 * separate. With {@link SessionSpec#tty()}, a terminal is allocated and stdin passes through
 * raw: when this process has a controlling terminal, it is switched to raw mode for the run
 * and restored after, and the container's terminal gets its size once at start (resizing the
 * window later is not followed). The container is attached before it starts, so no output is
 * lost, and it is removed on normal exit, on failure, and on JVM shutdown (SIGINT, SIGTERM)
 * through a shutdown hook that exists only while it runs.
 */
public final class RunContainerStep implements Callable<Integer> {
  private static final long DRAIN_SECONDS = 30;

  private final DockerClient docker;
  private final SessionSpec spec;
  private final InputStream stdin;
  private final OutputStream stdout;
  private final OutputStream stderr;
  private final Consumer<String> log;

  /**
   * @param stdin fed to the command (closing it sends end-of-file), or {@code null} for none
   * @param log receives progress lines, never the command's output
   */
  public RunContainerStep(DockerClient docker, SessionSpec spec, InputStream stdin,
      OutputStream stdout, OutputStream stderr, Consumer<String> log) {
    this.docker = docker;
    this.spec = spec;
    this.stdin = stdin;
    this.stdout = stdout;
    this.stderr = stderr;
    this.log = log;
  }

  /**
   * @return the exit code of the command
   * @throws MissingImageException when the image is not in the local engine
   * @throws MissingMountSourceException when a mount source does not exist (nothing created)
   * @throws ContainerRunException when Docker fails; the container is removed
   */
  @Override
  public Integer call() throws EsperantoException, InterruptedException {
    List<String> args = new ArrayList<>(spec.entrypointArgs());
    args.addAll(spec.command());
    boolean withStdin = stdin != null;
    ContainerShape shape =
        new ContainerShape("run", Optional.empty(), args, false, withStdin, withStdin, spec.tty());
    CreatedContainer created = new CreateContainerStep(docker, spec, shape, log).call();
    String id = created.id();
    Thread hook = new Thread(() -> removeOnShutdown(id), "esperanto-remove-" + id);
    Runtime.getRuntime().addShutdownHook(hook);
    try (HostTerminal terminal = spec.tty() ? HostTerminal.raw() : HostTerminal.none()) {
      return attachStartAndWait(id, terminal);
    } catch (RuntimeException e) {
      if (!RemoveContainerStep.lostDaemon(e)) {
        throw e;
      }
      throw new ContainerRunException("Tried to run " + Printable.of(String.valueOf(spec.command()))
          + " in a container of '" + spec.imageReference() + "' but lost the connection to the Docker Engine ("
          + Printable.of(String.valueOf(e.getCause().getMessage())) + "); if it restarted, `esperanto gc`"
          + " removes the container", spec.imageReference(), id, e);
    } finally {
      RemoveContainerStep.removeCreated(docker, created);
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException e) {
        // The JVM is shutting down: the hook runs (harmlessly) on an already removed container.
      }
    }
  }

  /**
   * Runs concurrently with the command's own {@code finally}, which may have removed the container
   * and closed the client already: then there is nothing left to do, and no trace to print.
   */
  private void removeOnShutdown(String id) {
    try {
      RemoveContainerStep.quietly(docker, id);
    } catch (IllegalStateException e) {
      // the client's connection pool is shut down: the command closed it after removing the container
    }
  }

  private int attachStartAndWait(String id, HostTerminal terminal)
      throws ContainerRunException, InterruptedException {
    DockerEndpoint endpoint = DockerConnection.endpointOf(docker);
    if (stdin != null && HijackedStream.reaches(endpoint)) {
      return startAndWait(id, terminal, openAttach(id, endpoint));
    }
    AttachContainerCmd attach =
        docker.attachContainerCmd(id).withStdOut(true).withStdErr(true).withFollowStream(true);
    if (stdin != null) {
      attach.withStdIn(stdin);
    }
    try (FrameCopier output = attach.exec(new FrameCopier(stdout, stderr))) {
      output.awaitStarted();
      docker.startContainerCmd(id).exec();
      terminal.size().ifPresent(size -> resize(id, size));
      int code = docker.waitContainerCmd(id).exec(new WaitContainerResultCallback()).awaitStatusCode();
      output.awaitCompletion(DRAIN_SECONDS, TimeUnit.SECONDS);
      return code;
    } catch (DockerException e) {
      throw runFailure(id, e);
    } catch (IOException e) {
      return lostStream(id, e);
    }
  }

  /** The attach connection, on the engine that created the container and no other. */
  private HijackedStream openAttach(String id, DockerEndpoint endpoint) throws ContainerRunException {
    try {
      return HijackedStream.open(endpoint, "/containers/" + id + "/attach?stream=1&stdin=1&stdout=1&stderr=1", null);
    } catch (IOException e) {
      throw new ContainerRunException("Tried to attach to container " + id + " of '" + spec.imageReference()
          + "' at " + endpoint + " but failed because " + Printable.of(String.valueOf(e.getMessage()))
          + "; check that the Docker Engine at that address is running", spec.imageReference(), id, e);
    }
  }

  /** With our own attach connection, which delivers the end of stdin to the command. */
  private int startAndWait(String id, HostTerminal terminal, HijackedStream stream)
      throws ContainerRunException, InterruptedException {
    IOException[] broken = new IOException[1];
    Thread output = new Thread(() -> {
      try {
        stream.copyOutput(!spec.tty(), stdout, stderr);
      } catch (IOException e) {
        broken[0] = e;
      }
    }, "esperanto-output-" + id);
    try (stream) {
      output.start();
      stream.pumpStdin(stdin, "esperanto-stdin-" + id, !spec.tty());
      docker.startContainerCmd(id).exec();
      terminal.size().ifPresent(size -> resize(id, size));
      int code = docker.waitContainerCmd(id).exec(new WaitContainerResultCallback()).awaitStatusCode();
      output.join(TimeUnit.SECONDS.toMillis(DRAIN_SECONDS));
      if (broken[0] != null) {
        return lostStream(id, broken[0]);
      }
      return code;
    } catch (DockerException e) {
      throw runFailure(id, e);
    }
  }

  private ContainerRunException runFailure(String id, DockerException e) {
    return new ContainerRunException(
        "Tried to run " + Printable.of(String.valueOf(spec.command())) + " in a container of '"
            + spec.imageReference() + "' but failed because "
            + Printable.of(String.valueOf(e.getMessage()).replace('\n', ' ').trim())
            + "; check the image and the run options",
        spec.imageReference(), id, e);
  }

  private int lostStream(String id, IOException e) throws ContainerRunException {
    throw new ContainerRunException(
        "Tried to copy the output of container " + id + " but the stream broke: " + e.getMessage(),
        spec.imageReference(), id, e);
  }

  private void resize(String id, int[] size) {
    try {
      docker.resizeContainerCmd(id).withSize(size[0], size[1]).exec();
    } catch (DockerException e) {
      log.accept("Could not set the terminal size of the container: " + e.getMessage());
    }
  }
}
