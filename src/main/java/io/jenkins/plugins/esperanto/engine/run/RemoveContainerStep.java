package io.jenkins.plugins.esperanto.engine.run;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.exception.NotFoundException;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * Stops a container with a short timeout, removes it with its anonymous volumes, and deletes
 * the host folder of its bind-mounted accounts if it has one. A container that is already gone
 * (or being removed) is not an error.
 */
final class RemoveContainerStep implements Callable<Boolean> {
  static final int STOP_TIMEOUT_SECONDS = 1;

  private final DockerClient docker;
  private final String containerId;
  private final boolean stopFirst;

  RemoveContainerStep(DockerClient docker, String containerId, boolean stopFirst) {
    this.docker = docker;
    this.containerId = containerId;
    this.stopFirst = stopFirst;
  }

  /** Removes without stopping first (a container that never started or already ended). */
  static void quietly(DockerClient docker, String containerId) {
    try {
      new RemoveContainerStep(docker, containerId, false).call();
    } catch (RuntimeException e) {
      if (!lostDaemon(e)) {
        throw e;
      }
      // the daemon is gone (restarting, stopped): `esperanto gc` removes the container later
    }
  }

  /** docker-java reports a broken connection to the daemon as a bare RuntimeException. */
  static boolean lostDaemon(RuntimeException e) {
    return !(e instanceof DockerException) && e.getCause() instanceof java.io.IOException;
  }

  /**
   * Removes a container whose state and account folder are already known, skipping the
   * inspection (a cold JVM spends hundreds of milliseconds deserialising it).
   */
  static void removeCreated(DockerClient docker, CreatedContainer container) {
    try {
      docker.removeContainerCmd(container.id()).withForce(true).withRemoveVolumes(true).exec();
    } catch (DockerException e) {
      // Gone already, or being removed by someone else: either way it is going.
    } catch (RuntimeException e) {
      if (!lostDaemon(e)) {
        throw e;
      }
    } finally {
      container.accountsDir().ifPresent(AccountsFolder::delete);
    }
  }

  /** Returns whether a container was removed by this call. */
  @Override
  public Boolean call() {
    String accountsDir = null;
    try {
      InspectContainerResponse inspect = docker.inspectContainerCmd(containerId).exec();
      Map<String, String> labels = inspect.getConfig().getLabels();
      accountsDir = labels == null ? null : labels.get(ContainerLabels.ACCOUNTS_DIR);
      if (stopFirst && Boolean.TRUE.equals(inspect.getState().getRunning())) {
        docker.stopContainerCmd(containerId).withTimeout(STOP_TIMEOUT_SECONDS).exec();
      }
    } catch (NotFoundException e) {
      return false;
    } catch (DockerException e) {
      // Stopping failed (already stopping, not running): the forced removal below kills it.
    }
    try {
      docker.removeContainerCmd(containerId).withForce(true).withRemoveVolumes(true).exec();
      return true;
    } catch (NotFoundException e) {
      return false;
    } catch (DockerException e) {
      // 409 "removal already in progress" means someone else (AutoRemove, a reaper) has it.
      return false;
    } finally {
      if (accountsDir != null) {
        AccountsFolder.delete(Path.of(accountsDir));
      }
    }
  }
}
