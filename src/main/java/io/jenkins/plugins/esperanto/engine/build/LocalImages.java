package io.jenkins.plugins.esperanto.engine.build;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.Image;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What the Docker Engine holds, read with one list call instead of an inspect per image: an
 * up-to-date check of a whole catalog then costs one round trip.
 */
final class LocalImages {
  /** An image on the engine: its full ID and size. */
  record LocalImage(String id, long size) {}

  private final Map<String, LocalImage> byReference = new HashMap<>();

  private LocalImages() {}

  static LocalImages read(DockerClient docker) {
    LocalImages images = new LocalImages();
    for (Image image : docker.listImagesCmd().exec()) {
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
