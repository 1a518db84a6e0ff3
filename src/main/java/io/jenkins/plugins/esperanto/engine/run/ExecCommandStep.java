package io.jenkins.plugins.esperanto.engine.run;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.ExecCreateCmd;
import com.github.dockerjava.api.command.InspectExecResponse;
import com.github.dockerjava.api.exception.DockerException;
import io.jenkins.plugins.esperanto.engine.api.Printable;
import io.jenkins.plugins.esperanto.engine.docker.DockerConnection;
import io.jenkins.plugins.esperanto.engine.docker.DockerEndpoint;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * Executes one command in a running container through the Engine API and returns its exit
 * code. The environment goes in the exec-create request body, so it never appears on a
 * command line on the host. Output is attached and awaited before the exit code is read: an
 * unattached exec returns before the command ends and has no exit code yet.
 */
final class ExecCommandStep implements Callable<Integer> {
  private final DockerClient docker;
  private final String containerId;
  private final ExecRequest request;
  private final InputStream stdin;
  private final OutputStream stdout;
  private final OutputStream stderr;

  ExecCommandStep(DockerClient docker, String containerId, ExecRequest request, InputStream stdin,
      OutputStream stdout, OutputStream stderr) {
    this.docker = docker;
    this.containerId = containerId;
    this.request = request;
    this.stdin = stdin;
    this.stdout = stdout;
    this.stderr = stderr;
  }

  @Override
  public Integer call() throws ContainerRunException, InterruptedException {
    String execId;
    try {
      ExecCreateCmd create =
          docker
              .execCreateCmd(containerId)
              .withCmd(request.command().toArray(new String[0]))
              .withAttachStdout(true)
              .withAttachStderr(true)
              .withAttachStdin(stdin != null);
      if (!request.env().isEmpty()) {
        List<String> env = new ArrayList<>();
        request.env().forEach((k, v) -> env.add(k + "=" + v));
        create.withEnv(env);
      }
      request.workdir().ifPresent(create::withWorkingDir);
      request.user().ifPresent(create::withUser);
      execId = create.exec().getId();
    } catch (DockerException e) {
      throw failure(e);
    }
    DockerEndpoint endpoint = DockerConnection.endpointOf(docker);
    if (stdin != null && HijackedStream.reaches(endpoint)) {
      copyThroughOwnConnection(execId, endpoint);
      return exitCode(execId);
    }
    try (FrameCopier copier =
        docker
            .execStartCmd(execId)
            .withStdIn(stdin)
            .exec(new FrameCopier(stdout, stderr))) {
      copier.awaitCompletion();
    } catch (DockerException e) {
      throw failure(e);
    } catch (IOException e) {
      throw failure(e);
    }
    return exitCode(execId);
  }

  /**
   * Starts the exec on a connection of our own to the container's engine, so that the end of stdin
   * reaches the command ({@link HijackedStream}).
   */
  private void copyThroughOwnConnection(String execId, DockerEndpoint endpoint) throws ContainerRunException {
    HijackedStream stream;
    try {
      stream = HijackedStream.open(endpoint, "/exec/" + execId + "/start", "{\"Detach\":false,\"Tty\":false}");
    } catch (IOException e) {
      throw new ContainerRunException("Tried to execute " + Printable.of(String.valueOf(request.command()))
          + " in container " + containerId + " at " + endpoint + " but failed because "
          + Printable.of(String.valueOf(e.getMessage())) + "; check that the Docker Engine at that address is running",
          null, containerId, e);
    }
    try (stream) {
      stream.pumpStdin(stdin, "esperanto-exec-stdin-" + execId, true);
      stream.copyOutput(true, stdout, stderr);
    } catch (IOException e) {
      throw failure(e);
    }
  }

  /** The exit code may lag the end of the stream by a moment; wait for it briefly. */
  private int exitCode(String execId) throws ContainerRunException, InterruptedException {
    for (int attempt = 0; attempt < 200; attempt++) {
      InspectExecResponse inspect = docker.inspectExecCmd(execId).exec();
      if (!Boolean.TRUE.equals(inspect.isRunning()) && inspect.getExitCodeLong() != null) {
        return inspect.getExitCodeLong().intValue();
      }
      Thread.sleep(attempt < 20 ? 5 : 50);
    }
    throw new ContainerRunException(
        "Tried to read the exit code of " + request.command() + " in container " + containerId
            + " but it was still running after its output ended; check the container",
        null, containerId);
  }

  private ContainerRunException failure(Exception e) {
    return new ContainerRunException(
        "Tried to execute " + Printable.of(String.valueOf(request.command())) + " in container "
            + containerId + " but failed because "
            + Printable.of(String.valueOf(e.getMessage()).replace('\n', ' ').trim())
            + "; check that the container is still running",
        null, containerId, e);
  }
}
