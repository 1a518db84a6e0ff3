package io.jenkins.plugins.esperanto.engine.build;

import com.github.dockerjava.api.DockerClient;
import java.util.List;
import java.util.concurrent.Callable;

/** Points each of the given references at an image ID. */
final class TagImageStep implements Callable<Void> {
  private final DockerClient docker;
  private final String imageId;
  private final List<String> references;

  TagImageStep(DockerClient docker, String imageId, List<String> references) {
    this.docker = docker;
    this.imageId = imageId;
    this.references = List.copyOf(references);
  }

  @Override
  public Void call() {
    for (String reference : references) {
      int colon = reference.lastIndexOf(':');
      docker.tagImageCmd(imageId, reference.substring(0, colon), reference.substring(colon + 1)).withForce().exec();
    }
    return null;
  }
}
