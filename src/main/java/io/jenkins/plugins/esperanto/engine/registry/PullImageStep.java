package io.jenkins.plugins.esperanto.engine.registry;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.PullResponseItem;
import java.util.concurrent.Callable;

/**
 * Pulls an image from its registry through the Docker Engine API, with the auth object of this
 * one call. Returns the local image id of what was pulled.
 */
public final class PullImageStep implements Callable<String> {
  private final DockerClient docker;
  private final ImageReference reference;
  private final RegistryAttempts attempts;
  private final ProgressOutput progress;

  PullImageStep(DockerClient docker, ImageReference reference, RegistryAttempts attempts, ProgressOutput progress) {
    this.docker = docker;
    this.reference = reference;
    this.attempts = attempts;
    this.progress = progress;
  }

  /**
   * Pulls.
   *
   * @return the local image id, such as {@code sha256:...}
   * @throws RegistryException when the registry refuses, lacks the image, or is down
   */
  @Override
  public String call() throws RegistryException {
    reference.requireRegistry("pull");
    ProgressTracker tracker = new ProgressTracker("pull " + reference, progress);
    attempts.run("pull", reference, tracker::notice, auth -> {
      StreamCallback.<PullResponseItem>stream(tracker, callback -> docker.pullImageCmd(reference.repositoryWithRegistry())
          .withTag(reference.tag()).withAuthConfig(auth.toAuthConfig()).exec(callback));
      return null;
    });
    String id = docker.inspectImageCmd(reference.toString()).exec().getId();
    tracker.finish("pulled " + id);
    return id;
  }
}
