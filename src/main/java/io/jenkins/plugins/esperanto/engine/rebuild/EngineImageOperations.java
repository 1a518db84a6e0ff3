package io.jenkins.plugins.esperanto.engine.rebuild;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectImageResponse;
import com.github.dockerjava.api.exception.ConflictException;
import com.github.dockerjava.api.exception.NotFoundException;
import io.jenkins.plugins.esperanto.engine.api.EsperantoException;
import io.jenkins.plugins.esperanto.engine.api.ImageAction;
import io.jenkins.plugins.esperanto.engine.api.ImageLabels;
import io.jenkins.plugins.esperanto.engine.api.ImageName;
import io.jenkins.plugins.esperanto.engine.api.ImageResult;
import io.jenkins.plugins.esperanto.engine.build.BuildOptions;
import io.jenkins.plugins.esperanto.engine.build.ImageBuilder;
import io.jenkins.plugins.esperanto.engine.catalog.Catalog;
import io.jenkins.plugins.esperanto.engine.catalog.CatalogImage;
import io.jenkins.plugins.esperanto.engine.key.ContentKey;
import io.jenkins.plugins.esperanto.engine.registry.ImageReference;
import io.jenkins.plugins.esperanto.engine.registry.RegistryClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * {@link ImageOperations} on the engine's {@link ImageBuilder}, the local Docker Engine and, when
 * configured, a registry: keys come from the builder, "published" means tagged in the registry
 * (or locally without one), a build is the builder's untagged build, then the tag, then the push.
 */
public final class EngineImageOperations implements ImageOperations {
  private final DockerClient docker;
  private final Catalog catalog;
  private final ImageBuilder builder;
  private final BuildOptions options;
  private final Optional<RegistryClient> registry;
  private final boolean pullOnRefresh;

  private EngineImageOperations(DockerClient docker, Catalog catalog, ImageBuilder builder, BuildOptions options,
      Optional<RegistryClient> registry, boolean pullOnRefresh) {
    this.docker = Objects.requireNonNull(docker);
    this.catalog = Objects.requireNonNull(catalog);
    this.builder = Objects.requireNonNull(builder);
    this.options = Objects.requireNonNull(options);
    this.registry = Objects.requireNonNull(registry);
    this.pullOnRefresh = pullOnRefresh;
  }

  /**
   * Operations that publish to {@code registry} when present (the builder's repository must then
   * be a registry location), else only to the local engine.
   *
   * @param options the build options of normal builds; refreshes add pull and no-cache
   */
  public static EngineImageOperations of(DockerClient docker, Catalog catalog, ImageBuilder builder,
      BuildOptions options, Optional<RegistryClient> registry) {
    return new EngineImageOperations(docker, catalog, builder, options, registry, true);
  }

  /**
   * The same operations, but a refresh does not ask Docker to pull external base images (for
   * bases that exist only on this engine, or an offline machine); it still ignores the cache.
   */
  public EngineImageOperations withoutPullOnRefresh() {
    return new EngineImageOperations(docker, catalog, builder, options, registry, false);
  }

  @Override
  public Map<ImageName, ContentKey> keys(Collection<ImageName> names) throws EsperantoException {
    return builder.keys(names, options);
  }

  @Override
  public List<ImageName> parentsOf(ImageName name) throws EsperantoException {
    List<ImageName> parents = new ArrayList<>();
    for (CatalogImage parent : catalog.parentsOf(catalog.image(name))) {
      parents.add(parent.name());
    }
    return parents;
  }

  @Override
  public boolean isPublished(ImageName name, ContentKey key) throws EsperantoException {
    String reference = builder.referenceOf(name, key);
    if (registry.isPresent()) {
      return registry.get().exists(ImageReference.parse(reference));
    }
    return inspect(reference).isPresent();
  }

  @Override
  public ImageOutcome fetch(ImageName name, ContentKey key, Consumer<String> log) throws EsperantoException {
    String reference = builder.referenceOf(name, key);
    Optional<InspectImageResponse> local = inspect(reference);
    RebuildAction action = RebuildAction.UP_TO_DATE;
    if (local.isEmpty()) {
      if (registry.isEmpty()) {
        throw new EsperantoException("Tried to use image " + reference + " but it is not on the Docker Engine; "
            + "run the rebuild again, it will build it");
      }
      log.accept("pulling " + reference);
      registry.get().pull(ImageReference.parse(reference));
      local = Optional.of(docker.inspectImageCmd(reference).exec());
      action = RebuildAction.PULLED;
    }
    InspectImageResponse image = local.get();
    // children build FROM the repository-independent alias: make sure it is there too
    builder.tag(ImageResult.of(name.value(), key.value(), reference, image.getId(), ImageAction.UP_TO_DATE,
        size(image), Duration.ZERO));
    return ImageOutcome.of(action, reference, image.getId(), sizeBeforeSquash(image), size(image));
  }

  @Override
  public ImageOutcome build(ImageName name, Map<ImageName, ContentKey> keys, boolean refresh, Consumer<String> log)
      throws EsperantoException, InterruptedException {
    BuildOptions buildOptions = refresh ? BuildOptions.of(true, pullOnRefresh, options.squashOverride()) : options;
    ImageResult built = builder.buildUntagged(name, keys, buildOptions, log);
    if (Thread.currentThread().isInterrupted()) {
      removeQuietly(built.imageId());
      throw new InterruptedException("rebuild interrupted before " + built.reference() + " was tagged");
    }
    InspectImageResponse image = docker.inspectImageCmd(built.imageId()).exec();
    if (refresh) {
      Optional<InspectImageResponse> existing = published(built.reference(), log);
      if (existing.isPresent() && sameFilesystem(existing.get(), image)) {
        log.accept("refreshed " + built.reference() + ": filesystem unchanged, keeping the published image");
        if (!existing.get().getId().equals(image.getId())) {
          removeQuietly(image.getId());
        }
        return ImageOutcome.of(RebuildAction.UP_TO_DATE, built.reference(), existing.get().getId(),
            sizeBeforeSquash(existing.get()), size(existing.get())).withNote("refreshed: filesystem unchanged, not pushed");
      }
    }
    builder.tag(built);
    ImageOutcome outcome = ImageOutcome.of(RebuildAction.BUILT, built.reference(), image.getId(),
        sizeBeforeSquash(image), size(image));
    if (registry.isPresent()) {
      log.accept("pushing " + built.reference());
      registry.get().push(ImageReference.parse(built.reference()));
      outcome = outcome.withPushBytes(ownBytes(image));
    }
    return outcome;
  }

  /** The image published for {@code reference}, pulled first when only the registry has it. */
  private Optional<InspectImageResponse> published(String reference, Consumer<String> log) throws EsperantoException {
    Optional<InspectImageResponse> local = inspect(reference);
    if (local.isPresent() || registry.isEmpty() || !registry.get().exists(ImageReference.parse(reference))) {
      return local;
    }
    log.accept("pulling the published " + reference + " to compare");
    registry.get().pull(ImageReference.parse(reference));
    return inspect(reference);
  }

  private boolean sameFilesystem(InspectImageResponse existing, InspectImageResponse rebuilt)
      throws EsperantoException, InterruptedException {
    if (existing.getId().equals(rebuilt.getId()) || layers(existing).equals(layers(rebuilt))) {
      return true;
    }
    // a rebuild without cache writes new mtimes, so equal content rarely means equal diff_ids
    return new DigestFilesystemStep(docker, existing.getId()).call()
        .equals(new DigestFilesystemStep(docker, rebuilt.getId()).call());
  }

  private static List<String> layers(InspectImageResponse image) {
    return image.getRootFS() == null || image.getRootFS().getLayers() == null ? List.of()
        : image.getRootFS().getLayers();
  }

  /**
   * The size before squashing: as recorded by the builder when it squashed the image in this
   * run, else that of the image it was squashed from when that still exists, else its size.
   */
  private long sizeBeforeSquash(InspectImageResponse image) {
    java.util.OptionalLong recorded = builder.sizeBeforeSquash(image.getId());
    if (recorded.isPresent()) {
      return recorded.getAsLong();
    }
    Map<String, String> labels = image.getConfig() == null ? null : image.getConfig().getLabels();
    String source = labels == null ? null : labels.get(ImageLabels.SQUASHED_FROM);
    if (source != null) {
      Optional<InspectImageResponse> original = inspect(source);
      if (original.isPresent()) {
        return size(original.get());
      }
    }
    return size(image);
  }

  /**
   * What a push sends when the base is already in the registry: the image's own layers
   * (uncompressed), i.e. its size less that of its base.
   */
  private long ownBytes(InspectImageResponse image) {
    Map<String, String> labels = image.getConfig() == null ? null : image.getConfig().getLabels();
    String base = labels == null ? null : labels.get(ImageLabels.BASE_IMAGE);
    long baseSize = base == null || base.equals("scratch") ? 0 : inspect(base).map(EngineImageOperations::size).orElse(0L);
    return Math.max(0, size(image) - baseSize);
  }

  private static long size(InspectImageResponse image) {
    return image.getSize() == null ? 0 : image.getSize();
  }

  private void removeQuietly(String imageId) {
    try {
      docker.removeImageCmd(imageId).exec();
    } catch (NotFoundException | ConflictException e) {
      // already gone, or shared with a tagged image: nothing of ours to clean up
    }
  }

  private Optional<InspectImageResponse> inspect(String reference) {
    try {
      return Optional.of(docker.inspectImageCmd(reference).exec());
    } catch (NotFoundException e) {
      return Optional.empty();
    }
  }
}
