package io.jenkins.plugins.esperanto.engine.build;

import io.jenkins.plugins.esperanto.engine.api.EsperantoException;
import io.jenkins.plugins.esperanto.engine.api.ImageName;
import io.jenkins.plugins.esperanto.engine.api.InvalidCatalogException;
import io.jenkins.plugins.esperanto.engine.api.SquashMode;
import io.jenkins.plugins.esperanto.engine.catalog.CatalogImage;
import io.jenkins.plugins.esperanto.engine.key.ContentKey;
import io.jenkins.plugins.esperanto.engine.key.ContentKeyInputs;
import io.jenkins.plugins.esperanto.engine.key.ContextArchive;
import io.jenkins.plugins.esperanto.engine.key.FromInstruction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * Works out an image's content key: resolves each {@code FROM} to an identity (a catalog
 * parent's key, or an external image's ID), pins catalog parents in the Dockerfile that is sent,
 * writes the context archive once and hashes it in the same pass.
 */
final class PrepareImageStep implements Callable<PreparedImage> {
  private final ExternalImageIds externalIds;
  private final CatalogImage image;
  private final Map<ImageName, ContentKey> parentKeys;
  private final Optional<SquashMode> squashOverride;
  private final Path tempDir;

  PrepareImageStep(ExternalImageIds externalIds, CatalogImage image, Map<ImageName, ContentKey> parentKeys,
      Optional<SquashMode> squashOverride, Path tempDir) {
    this.externalIds = externalIds;
    this.image = image;
    this.parentKeys = Map.copyOf(parentKeys);
    this.squashOverride = squashOverride;
    this.tempDir = tempDir;
  }

  @Override
  public PreparedImage call() throws EsperantoException {
    SquashMode squash = squashOverride.orElse(image.spec().build().squash());
    Map<Integer, String> pinned = new HashMap<>();
    Map<String, String> imageByStage = new HashMap<>();
    List<String> identities = new java.util.ArrayList<>();
    String finalBase = null;
    for (FromInstruction from : image.froms()) {
      String sentImage;
      if (from.referencesEarlierStage()) {
        sentImage = imageByStage.get(from.image().toLowerCase(Locale.ROOT));
      } else if (from.isScratch()) {
        sentImage = null;
      } else {
        Optional<String> parent = CatalogImage.catalogNameOf(from);
        if (parent.isPresent()) {
          ContentKey parentKey = parentKeys.get(ImageName.of(parent.get()));
          if (parentKey == null) {
            throw new IllegalStateException("parent " + parent.get() + " of " + image.name() + " not prepared first");
          }
          sentImage = ImageTags.alias(parent.get(), parentKey);
          pinned.put(from.line(), sentImage);
          identities.add("catalog:" + parentKey.value());
        } else {
          sentImage = from.image();
          identities.add("image:" + externalImageId(from));
        }
      }
      from.stageName().ifPresent(stage -> imageByStage.put(stage.toLowerCase(Locale.ROOT), sentImageOrScratch(sentImage)));
      finalBase = sentImage;
    }
    Optional<byte[]> dockerfile = pinned.isEmpty()
        ? Optional.empty()
        : Optional.of(image.dockerfileFroms().rewrite(pinned).getBytes(StandardCharsets.UTF_8));
    ContextArchive archive = ContextArchive.create(image.contextDir(), image.dockerfilePath(), dockerfile, tempDir);
    try {
      ContentKeyInputs.Builder inputs = ContentKeyInputs.builder(archive.sha256())
          .buildArgs(image.spec().build().args())
          .target(image.spec().build().target())
          .squashMode(squash);
      for (String identity : identities) {
        inputs.parent(identity);
      }
      ContentKey key = inputs.build().computeKey();
      return new PreparedImage(image, key, squash, archive, Optional.ofNullable(finalBase).filter(b -> !b.equals(SCRATCH)));
    } catch (RuntimeException e) {
      archive.close();
      throw e;
    }
  }

  private static final String SCRATCH = "scratch";

  private static String sentImageOrScratch(String sentImage) {
    return sentImage == null ? SCRATCH : sentImage;
  }

  private String externalImageId(FromInstruction from) throws InvalidCatalogException {
    return externalIds.idOf(from.image()).orElseThrow(() -> new InvalidCatalogException(image.dockerfile(),
        from.line(), "FROM " + from.image() + " is not an image on this Docker Engine; pull or load it first,"
            + " or build FROM a catalog image (" + CatalogImage.CATALOG_FROM_PREFIX + "<name>)"));
  }
}
