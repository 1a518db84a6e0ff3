package io.jenkins.plugins.esperanto.engine.build;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectImageResponse;
import com.github.dockerjava.api.model.Image;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the Docker Engine holds, read with one list call instead of an inspect per image: an
 * up-to-date check of a whole catalog then costs one round trip.
 */
final class LocalImages {
  /** An image on the engine: its full ID and size. */
  record LocalImage(String id, long size) {
    static LocalImage of(InspectImageResponse image) {
      return new LocalImage(image.getId(), image.getSize() == null ? 0 : image.getSize());
    }
  }

  private final Map<String, LocalImage> byReference = new HashMap<>();

  private LocalImages() {}

  /**
   * Reads the images tagged in the given repositories only (Docker's {@code reference} filter,
   * one glob per repository), so that the answer stays small on a busy daemon.
   */
  static LocalImages read(DockerClient docker, List<String> repositories) {
    LocalImages images = new LocalImages();
    List<String> patterns = repositories.stream().distinct().map(repository -> repository + "/*").toList();
    for (Image image : docker.listImagesCmd().withFilter("reference", patterns).exec()) {
      if (image.getRepoTags() == null) {
        continue;
      }
      long size = image.getSize() == null ? 0 : image.getSize();
      for (String tag : image.getRepoTags()) {
        images.byReference.put(tag, new LocalImage(image.getId(), size));
      }
    }
    return images;
  }

  Optional<LocalImage> find(String reference) {
    return Optional.ofNullable(byReference.get(reference));
  }

  /** Records a tag the engine has just been given. */
  void record(String reference, LocalImage image) {
    byReference.put(reference, image);
  }
}
