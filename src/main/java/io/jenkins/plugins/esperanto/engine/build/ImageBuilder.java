package io.jenkins.plugins.esperanto.engine.build;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectImageResponse;
import com.github.dockerjava.api.exception.ConflictException;
import com.github.dockerjava.api.exception.NotFoundException;
import io.jenkins.plugins.esperanto.engine.api.EsperantoException;
import io.jenkins.plugins.esperanto.engine.api.ImageAction;
import io.jenkins.plugins.esperanto.engine.api.ImageLabels;
import io.jenkins.plugins.esperanto.engine.api.ImageName;
import io.jenkins.plugins.esperanto.engine.api.ImageResult;
import io.jenkins.plugins.esperanto.engine.catalog.Catalog;
import io.jenkins.plugins.esperanto.engine.catalog.CatalogImage;
import io.jenkins.plugins.esperanto.engine.key.ContentKey;
import io.jenkins.plugins.esperanto.engine.registry.ImageReference;
import io.jenkins.plugins.esperanto.engine.registry.RegistryClient;
import io.jenkins.plugins.esperanto.engine.api.SquashMode;
import io.jenkins.plugins.esperanto.engine.squash.SquashImageStep;
import io.jenkins.plugins.esperanto.engine.squash.SquashResult;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * Makes catalog images available on the Docker Engine, parents first: an image whose content
 * key is already tagged is left alone; otherwise it is built, then tagged. This class only
 * sequences the steps; each step does one thing.
 */
public final class ImageBuilder {
  /** Where the repository-independent aliases live: {@code esperanto/<name>:<key tag>}. */
  private static final String CANONICAL_REPOSITORY =
      CatalogImage.CATALOG_FROM_PREFIX.substring(0, CatalogImage.CATALOG_FROM_PREFIX.length() - 1);

  private final DockerClient docker;
  private final Catalog catalog;
  private final String repository;
  private final Path tempDir;
  private final Consumer<String> log;
  /** The catalog's git commit, read once when the first build needs it. */
  private Optional<String> revision;
  private final ExternalImageIds externalIds;
  /** Image ID of each image this builder squashed, with its size before squashing (for reports). */
  private final Map<String, Long> sizesBeforeSquash = new ConcurrentHashMap<>();
  private Optional<RegistryClient> registry = Optional.empty();
  private boolean push;

  public ImageBuilder(DockerClient docker, Catalog catalog, String repository, Path tempDir, Consumer<String> log) {
    this.docker = docker;
    this.catalog = catalog;
    this.repository = repository;
    this.tempDir = tempDir;
    this.log = log;
    this.externalIds = new ExternalImageIds(docker);
  }

  /**
   * Shares images through a registry: a key that is missing locally but present in the
   * registry is pulled instead of built, and, with {@code push}, what is built (or only
   * local) is pushed. The repository must name the registry's host.
   */
  public ImageBuilder withRegistry(RegistryClient client, boolean push) {
    this.registry = Optional.of(client);
    this.push = push;
    return this;
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
    String reference = referenceOf(name, key);
    InspectImageResponse image = inspect(reference).orElseThrow(() -> new EsperantoException("Image '" + name
        + "' has no image for its current content key (" + reference + "); run: esperanto build " + name));
    LocalImages.LocalImage existing = LocalImages.LocalImage.of(image);
    return ImageResult.of(name.value(), key.value(), reference, existing.id(), ImageAction.UP_TO_DATE,
        existing.size(), Duration.ZERO);
  }

  /**
   * Builds one catalog image for its current content key, whether or not that key is already
   * tagged, and returns the new image's ID without tagging it: the caller decides (see
   * {@link #tag}). The image's catalog parents must already be on the engine for their keys.
   * Safe to call from several threads for different images.
   *
   * @param knownKeys content keys of (at least) the image's catalog parents
   * @param imageLog receives this build's output lines
   * @return the untagged image, with its key and the reference it would be tagged as
   * @throws EsperantoException when the image is invalid or its build fails
   */
  public ImageResult buildUntagged(ImageName name, Map<ImageName, ContentKey> knownKeys, BuildOptions options,
      Consumer<String> imageLog) throws EsperantoException, InterruptedException {
    long start = System.nanoTime();
    try (PreparedImage prepared = prepare(catalog.image(name), knownKeys, options);
        KeyLock lock = KeyLock.acquire(docker, prepared.key(), line -> imageLog.accept(name + ": " + line))) {
      String reference = prepared.reference(repository);
      LocalImages.LocalImage built = build(prepared, reference, options, imageLog);
      return ImageResult.of(name.value(), prepared.key().value(), reference, built.id(), ImageAction.BUILT,
          built.size(), Duration.ofNanos(System.nanoTime() - start));
    }
  }

  /**
   * Points {@code image}'s key tag ({@link ImageResult#reference()}) and the repository-independent
   * alias at {@link ImageResult#imageId()}.
   */
  public void tag(ImageResult image) {
    new TagImageStep(docker, image.imageId(), ImageTags.both(repository, image.name(), ContentKey.of(image.key())))
        .call();
  }

  /**
   * The size of {@code imageId} before this builder squashed it; empty when it did not squash it
   * (the unsquashed image is removed, so this is the only record of that size).
   */
  public OptionalLong sizeBeforeSquash(String imageId) {
    Long size = sizesBeforeSquash.get(imageId);
    return size == null ? OptionalLong.empty() : OptionalLong.of(size);
  }

  /** The reference {@code name} is tagged as for {@code key}: {@code <repository>/<name>:<key tag>}. */
  public String referenceOf(ImageName name, ContentKey key) {
    return ImageTags.reference(repository, name.value(), key);
  }

  private List<ImageResult> ensure(Collection<ImageName> names, BuildOptions options, boolean announceUpToDate)
      throws EsperantoException, InterruptedException {
    Map<ImageName, ContentKey> keys = new HashMap<>();
    List<ImageResult> results = new ArrayList<>();
    LocalImages local = LocalImages.read(docker, List.of(repository, CANONICAL_REPOSITORY));
    for (CatalogImage image : catalog.buildOrder(names)) {
      long start = System.nanoTime();
      try (PreparedImage prepared = prepare(image, keys, options)) {
        keys.put(image.name(), prepared.key());
        String reference = prepared.reference(repository);
        Optional<LocalImages.LocalImage> existing = local.find(reference);
        ImageResult result = existing.isPresent()
            ? finish(prepared, reference, local, existing.get(), ImageAction.UP_TO_DATE, start, announceUpToDate)
            : pullOrBuildLocked(prepared, reference, local, options, start, announceUpToDate);
        results.add(result);
      }
    }
    return results;
  }

  /**
   * Pulls or builds under the key's lock ({@link KeyLock}); a build that waited for another
   * finds its image tagged and reuses it.
   */
  private ImageResult pullOrBuildLocked(PreparedImage prepared, String reference, LocalImages local,
      BuildOptions options, long start, boolean announceUpToDate) throws EsperantoException, InterruptedException {
    try (KeyLock lock = KeyLock.acquire(docker, prepared.key(), line -> log.accept(prepared.image().name() + ": " + line))) {
      Optional<LocalImages.LocalImage> builtMeanwhile = inspect(reference).map(LocalImages.LocalImage::of);
      if (builtMeanwhile.isPresent()) {
        local.record(reference, builtMeanwhile.get());
        return finish(prepared, reference, local, builtMeanwhile.get(), ImageAction.UP_TO_DATE, start, announceUpToDate);
      }
      Optional<LocalImages.LocalImage> pulled = pull(reference);
      return pulled.isPresent()
          ? finish(prepared, reference, local, pulled.get(), ImageAction.PULLED, start, announceUpToDate)
          : finish(prepared, reference, local, build(prepared, reference, options, log), ImageAction.BUILT, start,
              announceUpToDate);
    }
  }

  private ImageResult finish(PreparedImage prepared, String reference, LocalImages local,
      LocalImages.LocalImage image, ImageAction action, long start, boolean announceUpToDate) throws EsperantoException {
    if (action == ImageAction.UP_TO_DATE && announceUpToDate) {
      log.accept(prepared.image().name() + ": up to date (" + reference + ")");
    }
    tagMissing(local, image, prepared);
    if (action != ImageAction.PULLED) {
      pushIfMissing(reference);
    }
    return ImageResult.of(prepared.image().name().value(), prepared.key().value(), reference, image.id(), action,
        image.size(), Duration.ofNanos(System.nanoTime() - start));
  }

  private LocalImages.LocalImage build(PreparedImage prepared, String reference, BuildOptions options,
      Consumer<String> buildLog) throws EsperantoException, InterruptedException {
    buildLog.accept(prepared.image().name() + ": building " + reference);
    String builtId = new BuildImageStep(docker, prepared, options, labels(prepared, revision()), buildLog).call();
    if (prepared.squash() != SquashMode.NONE) {
      // the base is found through the io.esperanto.base-image label set at build time
      SquashResult squashed = new SquashImageStep(docker, builtId, prepared.squash(), Optional.empty(), buildLog, tempDir).call();
      buildLog.accept(prepared.image().name() + ": squashed (" + prepared.squash().yamlName() + ") " + squashed.layersBefore()
          + " layers into " + squashed.layersAfter() + ", " + squashed.sizeBefore() + " -> " + squashed.sizeAfter() + " bytes");
      removeUnsquashed(builtId, squashed);
      builtId = squashed.imageId();
      sizesBeforeSquash.put(squashed.imageId(), squashed.sizeBefore());
    }
    // the legacy builder reports a short ID; the full one identifies the image everywhere
    return LocalImages.LocalImage.of(docker.inspectImageCmd(builtId).exec());
  }

  private synchronized Optional<String> revision() {
    if (revision == null) {
      revision = SourceRevision.of(catalog.root());
    }
    return revision;
  }

  private Optional<LocalImages.LocalImage> pull(String reference) throws EsperantoException {
    if (registry.isEmpty()) {
      return Optional.empty();
    }
    Optional<String> pulledId = registry.get().pullIfPresent(ImageReference.parse(reference));
    if (pulledId.isEmpty()) {
      return Optional.empty();
    }
    log.accept(reference + ": pulled from the registry instead of building");
    return Optional.of(LocalImages.LocalImage.of(docker.inspectImageCmd(reference).exec()));
  }

  /** The unsquashed image is an intermediate: nothing tags it, so it goes (its layers stay cached). */
  private void removeUnsquashed(String builtId, SquashResult squashed) {
    if (!squashed.changed()) {
      return;
    }
    try {
      docker.removeImageCmd(builtId).withNoPrune(true).exec();
    } catch (NotFoundException | ConflictException e) {
      log.accept("could not remove the unsquashed image " + builtId + ": " + e.getMessage());
    }
  }

  private void pushIfMissing(String reference) throws EsperantoException {
    if (registry.isEmpty() || !push) {
      return;
    }
    ImageReference remote = ImageReference.parse(reference);
    if (!registry.get().exists(remote)) {
      log.accept(reference + ": pushing");
      registry.get().push(remote);
    }
  }

  /** The key's tag, plus the repository-independent alias children build FROM. */
  private void tagMissing(LocalImages local, LocalImages.LocalImage image, PreparedImage prepared) {
    List<String> missing = new ArrayList<>();
    for (String tag : ImageTags.both(repository, prepared.image().name().value(), prepared.key())) {
      if (!local.find(tag).map(found -> found.id().equals(image.id())).orElse(false)) {
        missing.add(tag);
      }
    }
    new TagImageStep(docker, image.id(), missing).call();
    missing.forEach(tag -> local.record(tag, image));
  }

  private PreparedImage prepare(CatalogImage image, Map<ImageName, ContentKey> keys, BuildOptions options)
      throws EsperantoException {
    return new PrepareImageStep(externalIds, image, keys, options.squashOverride(), tempDir).call();
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

  private Optional<InspectImageResponse> inspect(String reference) {
    try {
      return Optional.of(docker.inspectImageCmd(reference).exec());
    } catch (NotFoundException e) {
      return Optional.empty();
    }
  }
}
