package io.jenkins.plugins.esperanto.engine.prune;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.ConflictException;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.Image;
import io.jenkins.plugins.esperanto.engine.api.ImageName;
import io.jenkins.plugins.esperanto.engine.catalog.CatalogImage;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * Removes, per image, all but the newest {@code keep} content-key tags from the local Docker
 * Engine (newest by image creation time), with the repository-independent alias of each. An
 * image that any container uses, running or stopped, is never removed. Only tags are removed:
 * Docker deletes an image's data when its last tag goes and no child image needs it.
 */
public final class PruneLocalTagsStep implements Callable<List<PrunedTag>> {
  /** A content-key tag: the first 32 hex digits of the key. */
  private static final Pattern KEY_TAG = Pattern.compile("[0-9a-f]{32}");

  private final DockerClient docker;
  private final String repository;
  private final List<ImageName> names;
  private final int keep;
  private final boolean dryRun;
  private final Consumer<String> log;

  /**
   * @param repository the repository prefix the keys are tagged under ({@code esperanto} by default)
   * @param keep how many tags to keep per image (at least 1)
   * @param dryRun decide and report, remove nothing
   */
  public PruneLocalTagsStep(DockerClient docker, String repository, Collection<ImageName> names, int keep,
      boolean dryRun, Consumer<String> log) {
    if (keep < 1) {
      throw new IllegalArgumentException("keep must be at least 1, got " + keep);
    }
    this.docker = docker;
    this.repository = repository;
    this.names = List.copyOf(names);
    this.keep = keep;
    this.dryRun = dryRun;
    this.log = log;
  }

  /** Returns every content-key tag found with its decision, per image newest first. */
  @Override
  public List<PrunedTag> call() {
    List<Image> images = docker.listImagesCmd().exec();
    Set<String> used = usedImageIds();
    List<PrunedTag> decisions = new ArrayList<>();
    for (ImageName name : names) {
      for (PrunedTag decided : KeepNewest.decide(tagsOf(name, images), keep, t -> used.contains(t.imageId()))) {
        decisions.add(decided);
        if (decided.decision() == PrunedTag.Decision.REMOVE && !dryRun) {
          remove(decided, images);
        }
      }
    }
    return decisions;
  }

  private List<PrunedTag> tagsOf(ImageName name, List<Image> images) {
    String prefix = repository + "/" + name.value() + ":";
    List<PrunedTag> tags = new ArrayList<>();
    for (Image image : images) {
      for (String tag : image.getRepoTags() == null ? new String[0] : image.getRepoTags()) {
        if (tag.startsWith(prefix) && KEY_TAG.matcher(tag.substring(prefix.length())).matches()) {
          Instant created = Instant.ofEpochSecond(image.getCreated() == null ? 0 : image.getCreated());
          tags.add(PrunedTag.of(name.value(), tag, image.getId(), created, PrunedTag.Decision.KEEP));
        }
      }
    }
    return tags;
  }

  /** The tag, and the alias for the same key when it points at the same image. */
  private void remove(PrunedTag tag, List<Image> images) {
    String keyTag = tag.reference().substring(tag.reference().lastIndexOf(':') + 1);
    String alias = CatalogImage.CATALOG_FROM_PREFIX + tag.image() + ":" + keyTag;
    List<String> references = new ArrayList<>(List.of(tag.reference()));
    if (!alias.equals(tag.reference()) && images.stream().anyMatch(i -> i.getId().equals(tag.imageId())
        && i.getRepoTags() != null && List.of(i.getRepoTags()).contains(alias))) {
      references.add(alias);
    }
    for (String reference : references) {
      try {
        // never forced: Docker refuses to delete the last tag of an image a container was created from meanwhile
        docker.removeImageCmd(reference).exec();
        log.accept("removed " + reference);
      } catch (NotFoundException e) {
        // removed by someone else meanwhile
      } catch (ConflictException e) {
        log.accept("kept " + reference + ": " + e.getMessage());
      }
    }
  }

  private Set<String> usedImageIds() {
    Set<String> used = new HashSet<>();
    for (Container container : docker.listContainersCmd().withShowAll(true).exec()) {
      used.add(container.getImageId());
    }
    return used;
  }
}
