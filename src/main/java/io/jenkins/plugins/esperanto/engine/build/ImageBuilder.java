package io.jenkins.plugins.esperanto.engine.build;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectImageResponse;
import com.github.dockerjava.api.exception.NotFoundException;
import io.jenkins.plugins.esperanto.engine.api.EsperantoException;
import io.jenkins.plugins.esperanto.engine.api.ImageAction;
import io.jenkins.plugins.esperanto.engine.api.ImageLabels;
import io.jenkins.plugins.esperanto.engine.api.ImageName;
import io.jenkins.plugins.esperanto.engine.api.ImageResult;
import io.jenkins.plugins.esperanto.engine.catalog.Catalog;
import io.jenkins.plugins.esperanto.engine.catalog.CatalogImage;
import io.jenkins.plugins.esperanto.engine.key.ContentKey;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Makes catalog images available on the Docker Engine, parents first: an image whose content
 * key is already tagged is left alone; otherwise it is built, then tagged. This class only
 * sequences the steps; each step does one thing.
 */
public final class ImageBuilder {
  private final DockerClient docker;
  private final Catalog catalog;
  private final String repository;
  private final Path tempDir;
  private final Consumer<String> log;

  public ImageBuilder(DockerClient docker, Catalog catalog, String repository, Path tempDir, Consumer<String> log) {
    this.docker = docker;
    this.catalog = catalog;
    this.repository = repository;
    this.tempDir = tempDir;
    this.log = log;
  }

  /** The content keys of {@code names} (and of their catalog parents), without building anything. */
  public Map<ImageName, ContentKey> keys(Collection<ImageName> names, BuildOptions options) throws EsperantoException {
    Map<ImageName, ContentKey> keys = new LinkedHashMap<>();
    for (CatalogImage image : catalog.buildOrder(names)) {
      try (PreparedImage prepared = prepare(image, keys, options)) {
        keys.put(image.name(), prepared.key());
      }
    }
    return keys;
  }

  /**
   * Ensures that every image of {@code names} exists for its current content key, building
   * what is missing, parents first.
   *
   * @return one result per image, in build order (parents included)
   */
  public List<ImageResult> ensure(Collection<ImageName> names, BuildOptions options)
      throws EsperantoException, InterruptedException {
    return ensure(names, options, true);
  }

  /** As {@link #ensure}, but says nothing about images that are already up to date. */
  public List<ImageResult> ensureQuietly(Collection<ImageName> names, BuildOptions options)
      throws EsperantoException, InterruptedException {
    return ensure(names, options, false);
  }

  /**
   * The image for {@code name}'s current content key, which must already exist.
   *
   * @throws EsperantoException when it has not been built
   */
  public ImageResult requireExisting(ImageName name) throws EsperantoException {
    Map<ImageName, ContentKey> keys = keys(List.of(name), BuildOptions.defaults());
    ContentKey key = keys.get(name);
    String reference = repository + "/" + name.value() + ":" + key.tag();
    InspectImageResponse image = inspect(reference).orElseThrow(() -> new EsperantoException("Image '" + name
        + "' has no image for its current content key (" + reference + "); run: esperanto build " + name));
    return ImageResult.of(name.value(), key.value(), reference, image.getId(), ImageAction.UP_TO_DATE,
        Optional.ofNullable(image.getSize()).orElse(0L), Duration.ZERO);
  }

  private List<ImageResult> ensure(Collection<ImageName> names, BuildOptions options, boolean announceUpToDate)
      throws EsperantoException, InterruptedException {
    Map<ImageName, ContentKey> keys = new HashMap<>();
    List<ImageResult> results = new ArrayList<>();
    Optional<String> revision = Optional.empty();
    boolean revisionRead = false;
    for (CatalogImage image : catalog.buildOrder(names)) {
      long start = System.nanoTime();
      try (PreparedImage prepared = prepare(image, keys, options)) {
        keys.put(image.name(), prepared.key());
        String reference = prepared.reference(repository);
        Optional<InspectImageResponse> existing = inspect(reference);
        ImageAction action;
        String imageId;
        if (existing.isPresent()) {
          imageId = existing.get().getId();
          action = ImageAction.UP_TO_DATE;
          if (announceUpToDate) {
            log.accept(image.name() + ": up to date (" + reference + ")");
          }
        } else {
          if (!revisionRead) {
            revision = SourceRevision.of(catalog.root());
            revisionRead = true;
          }
          log.accept(image.name() + ": building " + reference);
          String builtId = new BuildImageStep(docker, prepared, options, labels(prepared, revision), log).call();
          // the legacy builder reports a short ID; the full one identifies the image everywhere
          imageId = docker.inspectImageCmd(builtId).exec().getId();
          action = ImageAction.BUILT;
        }
        new TagImageStep(docker, imageId, tagsFor(prepared, reference)).call();
        long size = inspect(imageId).map(InspectImageResponse::getSize).orElse(0L);
        results.add(ImageResult.of(image.name().value(), prepared.key().value(), reference, imageId, action, size,
            Duration.ofNanos(System.nanoTime() - start)));
      }
    }
    return results;
  }

  private PreparedImage prepare(CatalogImage image, Map<ImageName, ContentKey> keys, BuildOptions options)
      throws EsperantoException {
    return new PrepareImageStep(docker, image, keys, options.squashOverride(), tempDir).call();
  }

  private Map<String, String> labels(PreparedImage prepared, Optional<String> revision) throws EsperantoException {
    Map<String, String> labels = new LinkedHashMap<>(prepared.image().spec().build().labels());
    labels.put(ImageLabels.NAME, prepared.image().name().value());
    labels.put(ImageLabels.KEY, prepared.key().value());
    revision.ifPresent(r -> labels.put(ImageLabels.REVISION, r));
    labels.put(ImageLabels.BASE_IMAGE, baseImageId(prepared));
    return labels;
  }

  /** The ID of the final stage's base: squash keeps its layers; {@code scratch} when none. */
  private String baseImageId(PreparedImage prepared) throws EsperantoException {
    if (prepared.finalBase().isEmpty()) {
      return "scratch";
    }
    return inspect(prepared.finalBase().get()).map(InspectImageResponse::getId)
        .orElseThrow(() -> new EsperantoException("Tried to build image '" + prepared.image().name()
            + "' but its base " + prepared.finalBase().get() + " is not on the Docker Engine"));
  }

  private List<String> tagsFor(PreparedImage prepared, String reference) {
    String canonical = prepared.canonicalReference();
    return canonical.equals(reference) ? List.of(reference) : List.of(reference, canonical);
  }

  private Optional<InspectImageResponse> inspect(String reference) {
    try {
      return Optional.of(docker.inspectImageCmd(reference).exec());
    } catch (NotFoundException e) {
      return Optional.empty();
    }
  }
}
