package io.jenkins.plugins.esperanto.engine.squash;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.BuildImageResultCallback;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Image;
import io.jenkins.plugins.esperanto.engine.docker.DockerConnection;
import io.jenkins.plugins.esperanto.engine.docker.DockerEndpoint;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Images and containers one test class creates on the shared daemon: all named with a random
 * prefix and labelled with it, and removed again by {@link #close()} (only what was created).
 */
final class TestImages implements AutoCloseable {
  static final String FIXTURE = "esperanto-fixture/busybox:latest";
  static final String TEST_LABEL = "io.esperanto.test";

  final DockerClient docker;
  final String prefix = "esperanto-test-" + UUID.randomUUID().toString().substring(0, 8);
  private final List<String> images = new ArrayList<>();
  private final List<String> containers = new ArrayList<>();

  TestImages() throws Exception {
    docker = DockerConnection.connect(DockerEndpoint.resolve(Optional.empty(), System.getenv()));
  }

  /** A context file: its bytes and mode. */
  record ContextFile(byte[] data, long mode) {}

  /** Builds {@code context} (which holds the Dockerfile) with the classic builder; returns the ID. */
  String build(String name, Map<String, ContextFile> context) throws IOException {
    String tag = prefix + "/" + name + ":latest";
    String id = docker.buildImageCmd()
        .withTarInputStream(contextTar(context))
        .withTags(java.util.Set.of(tag))
        .withLabels(Map.of(TEST_LABEL, prefix))
        .withPull(false)
        .withRemove(true)
        .withForcerm(true)
        .exec(new BuildImageResultCallback())
        .awaitImageId();
    images.add(tag);
    return docker.inspectImageCmd(tag).exec().getId();
  }

  /** Remembers an image (a squash result) for removal. */
  void track(String image) {
    images.add(image);
  }

  /** Creates (does not start) a container of {@code image} and remembers it. */
  String createContainer(String image) {
    String id = docker.createContainerCmd(image)
        .withName(prefix + "-c" + containers.size())
        .withLabels(Map.of(TEST_LABEL, prefix))
        .exec().getId();
    containers.add(id);
    return id;
  }

  /** Image IDs that carry {@code label=value}. */
  List<String> imagesLabelled(String label, String value) {
    List<String> ids = new ArrayList<>();
    for (Image image : docker.listImagesCmd().withShowAll(true)
        .withLabelFilter(Map.of(label, value)).exec()) {
      ids.add(image.getId());
    }
    return ids;
  }

  /** Every tag in the daemon that starts with this run's prefix. */
  List<String> tagsOfThisRun() {
    List<String> tags = new ArrayList<>();
    for (Image image : docker.listImagesCmd().withShowAll(true).exec()) {
      if (image.getRepoTags() != null) {
        for (String tag : image.getRepoTags()) {
          if (tag.startsWith(prefix)) {
            tags.add(tag + "=" + image.getId());
          }
        }
      }
    }
    return tags;
  }

  static byte[] bytes(String text) {
    return text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
  }

  static InputStream contextTar(Map<String, ContextFile> context) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    TarWriter writer = new TarWriter(bytes);
    for (Map.Entry<String, ContextFile> e : new LinkedHashMap<>(context).entrySet()) {
      byte[] data = e.getValue().data();
      writer.write(new TarHeader(e.getKey(), TarHeader.REGULAR, e.getValue().mode(), 0, 0,
          data.length, 1_700_000_000L, "", "", "", 0, 0, Map.of(), -1),
          new ByteArrayInputStream(data));
    }
    writer.finish();
    return new ByteArrayInputStream(bytes.toByteArray());
  }

  @Override
  public void close() {
    for (String container : containers) {
      try {
        docker.removeContainerCmd(container).withForce(true).withRemoveVolumes(true).exec();
      } catch (NotFoundException e) {
        // already gone
      }
    }
    for (int i = images.size() - 1; i >= 0; i--) {
      try {
        docker.removeImageCmd(images.get(i)).withForce(true).exec();
      } catch (NotFoundException e) {
        // already gone, or removed with a tag before
      }
    }
  }
}
