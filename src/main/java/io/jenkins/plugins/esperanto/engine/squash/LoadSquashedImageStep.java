package io.jenkins.plugins.esperanto.engine.squash;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.exception.NotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * Loads a squashed image under its ID (the sha256 of its config) unless the daemon has it
 * already, and makes sure that a failed or interrupted load leaves no image behind.
 */
final class LoadSquashedImageStep implements Callable<String> {
  private final DockerClient docker;
  private final byte[] config;
  private final List<Map.Entry<String, Path>> layers;
  private final Consumer<String> progress;
  private final UnaryOperator<InputStream> loadFilter;

  /**
   * @param layers the image's layer tars by diff_id, in order
   * @param loadFilter for tests, to damage the archive on its way; identity otherwise
   */
  LoadSquashedImageStep(DockerClient docker, byte[] config, List<Map.Entry<String, Path>> layers,
      Consumer<String> progress, UnaryOperator<InputStream> loadFilter) {
    this.docker = docker;
    this.config = config.clone();
    this.layers = List.copyOf(layers);
    this.progress = progress;
    this.loadFilter = loadFilter;
  }

  /** Returns the image ID, {@code sha256:<hex>}. */
  @Override
  public String call() throws IOException, InterruptedException {
    String id = "sha256:" + Digests.sha256Hex(config);
    if (exists(id)) {
      progress.accept("Squashed image " + id + " is already loaded");
      return id;
    }
    progress.accept("Loading " + id);
    try (InputStream archive = loadFilter.apply(LoadArchive.stream(config, layers))) {
      new LoadImageStep(docker, archive).call();
    } catch (IOException | InterruptedException | RuntimeException e) {
      removeIfLoaded(id);
      throw e;
    }
    if (!exists(id)) {
      throw new IOException("docker load ended without error but image " + id + " is missing");
    }
    return id;
  }

  /** Undoes a load that registered the image but is reported as failed or interrupted. */
  private void removeIfLoaded(String id) {
    try {
      if (exists(id)) {
        docker.removeImageCmd(id).exec();
      }
    } catch (DockerException e) {
      progress.accept("Could not remove the partly squashed image " + id + ": " + e.getMessage());
    }
  }

  private boolean exists(String id) {
    try {
      docker.inspectImageCmd(id).exec();
      return true;
    } catch (NotFoundException e) {
      return false;
    }
  }
}
