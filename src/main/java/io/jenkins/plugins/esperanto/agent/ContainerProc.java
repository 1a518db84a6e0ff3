package io.jenkins.plugins.esperanto.agent;

import hudson.Proc;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

/**
 * A command running in a container, seen from the controller: the pending result of the agent
 * callable that executes it. Standard input is not forwarded (Pipeline steps give none).
 */
final class ContainerProc extends Proc {
  /** Kills the command's processes in the container. */
  @FunctionalInterface
  interface Killer {
    void kill() throws IOException, InterruptedException;
  }

  private final Future<Integer> result;
  private final InputStream stdout;
  private final Killer killer;

  ContainerProc(Future<Integer> result, InputStream stdout, Killer killer) {
    this.result = result;
    this.stdout = stdout == null ? InputStream.nullInputStream() : stdout;
    this.killer = killer;
  }

  @Override
  public boolean isAlive() {
    return !result.isDone();
  }

  @Override
  public void kill() throws IOException, InterruptedException {
    killer.kill();
    join();
  }

  @Override
  public int join() throws IOException, InterruptedException {
    try {
      return result.get();
    } catch (CancellationException e) {
      return -1;
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof IOException) {
        throw (IOException) cause;
      }
      throw new IOException(cause.getMessage(), cause);
    }
  }

  @Override
  public InputStream getStdout() {
    return stdout;
  }

  @Override
  public InputStream getStderr() {
    return InputStream.nullInputStream();
  }

  @Override
  public OutputStream getStdin() {
    return OutputStream.nullOutputStream();
  }
}
