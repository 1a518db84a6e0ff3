package io.jenkins.plugins.esperanto.engine.registry;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.PushResponseItem;
import java.util.concurrent.Callable;

/**
 * Pushes a local image to its registry through the Docker Engine API, with the auth object of
 * this one call (no {@code docker login}, nothing in {@code ~/.docker/config.json}). Returns the
 * manifest digest the registry accepted.
 */
public final class PushImageStep implements Callable<String> {
  private final DockerClient docker;
  private final ImageReference reference;
  private final RegistryAttempts attempts;
  private final ProgressOutput progress;

  PushImageStep(DockerClient docker, ImageReference reference, RegistryAttempts attempts, ProgressOutput progress) {
    this.docker = docker;
    this.reference = reference;
    this.attempts = attempts;
    this.progress = progress;
  }

  /**
   * Pushes.
   *
   * @return the manifest digest, such as {@code sha256:...}
   * @throws RegistryException when the image is not local, or the registry refuses or is down
   */
  @Override
  public String call() throws RegistryException {
    reference.requireRegistry("push");
    try {
      docker.inspectImageCmd(reference.toString()).exec();
    } catch (NotFoundException e) {
      throw new RegistryOperationException("push", reference, "Tried to push " + reference
          + " but there is no local image with that reference; build or tag it first", e);
    }
    ProgressTracker tracker = new ProgressTracker("push " + reference, progress);
    String digest = attempts.run("push", reference, tracker::notice, auth -> {
      StreamCallback.<PushResponseItem>stream(tracker, callback -> docker.pushImageCmd(reference.repositoryWithRegistry())
          .withTag(reference.tag()).withAuthConfig(auth.toAuthConfig()).exec(callback));
      return tracker.digest() == null ? "" : tracker.digest();
    });
    tracker.finish("pushed" + (digest.isEmpty() ? "" : " " + digest));
    return digest;
  }
}
