package io.jenkins.plugins.esperanto.engine.squash;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.exception.NotFoundException;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * Streams the kept layers, the merged layer and the new config into {@code docker load}, and
 * makes sure that a failed or interrupted load leaves no new image behind.
 */
final class LoadSquashedImageStep implements Callable<String> {
  /** The config of the squashed image, given the merged layer's diff_id. */
  interface ConfigWriter {
    byte[] configFor(String mergedDiffId) throws IOException;
  }

  private final DockerClient docker;
  private final List<Map.Entry<String, Path>> kept;
  private final MergedLayerStream merged;
  private final ConfigWriter config;
  private final UnaryOperator<InputStream> loadFilter;

  /**
   * @param kept the base layers' tars by diff_id, in order
   * @param loadFilter for tests, to damage the archive on its way; identity otherwise
   */
  LoadSquashedImageStep(DockerClient docker, List<Map.Entry<String, Path>> kept,
      MergedLayerStream merged, ConfigWriter config, UnaryOperator<InputStream> loadFilter) {
    this.docker = docker;
    this.kept = List.copyOf(kept);
    this.merged = merged;
    this.config = config;
    this.loadFilter = loadFilter;
  }

  /** Returns the image ID, {@code sha256:<hex>} of the config. */
  @Override
  public String call() throws IOException, InterruptedException {
    AtomicReference<String> id = new AtomicReference<>();
    AtomicBoolean existed = new AtomicBoolean();
    // docker-java reads the body 4 KiB at a time; the buffer turns that into 1 MiB reads of
    // the spooled layers and 1 MiB digest updates.
    try (InputStream archive = loadFilter.apply(new BufferedInputStream(
        LoadArchive.stream(kept, merged, diffId -> {
      try {
        byte[] bytes = config.configFor(diffId);
        String imageId = "sha256:" + Digests.sha256Hex(bytes);
        existed.set(exists(imageId));
        id.set(imageId);
        return bytes;
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }), 1 << 20))) {
      new LoadImageStep(docker, archive).call();
    } catch (IOException | InterruptedException | RuntimeException e) {
      if (id.get() != null && !existed.get()) {
        removeIfLoaded(id.get());
      }
      throw e;
    }
    if (id.get() == null || !exists(id.get())) {
      throw new IOException("docker load ended without error but the squashed image is missing");
    }
    return id.get();
  }

  /** Undoes a load that registered the image but is reported as failed or interrupted. */
  private void removeIfLoaded(String imageId) {
    try {
      if (exists(imageId)) {
        docker.removeImageCmd(imageId).exec();
      }
    } catch (DockerException e) {
      // The failure being reported matters more; the image is untagged and labelled.
    }
  }

  private boolean exists(String imageId) {
    try {
      docker.inspectImageCmd(imageId).exec();
      return true;
    } catch (NotFoundException e) {
      return false;
    }
  }
}
