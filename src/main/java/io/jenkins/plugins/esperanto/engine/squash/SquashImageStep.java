package io.jenkins.plugins.esperanto.engine.squash;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectImageResponse;
import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.exception.NotFoundException;
import io.jenkins.plugins.esperanto.engine.api.SquashMode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * Squashes an image through {@code docker save} and {@code docker load}, streaming: layers are
 * spooled to a private temporary directory, merged into one, and the new image is loaded under
 * its ID only. No tag is created or moved (the caller tags {@link SquashResult#imageId()});
 * on any failure, interruption included, the source image and its tags are left as they were
 * and the temporary directory is deleted.
 */
public final class SquashImageStep implements Callable<SquashResult> {
  private final DockerClient docker;
  private final String sourceImage;
  private final SquashMode mode;
  private final Optional<String> baseImage;
  private final Consumer<String> progress;
  private final Path tempDir;
  private final UnaryOperator<InputStream> saveFilter;
  private final UnaryOperator<InputStream> loadFilter;

  /**
   * @param docker the daemon holding the image
   * @param sourceImage the image to squash, by ID or reference
   * @param mode {@link SquashMode#NONE} returns the source; {@link SquashMode#OWN} merges the
   *     layers above the base; {@link SquashMode#ALL} merges every layer
   * @param baseImage for mode own: the base (ID or reference); empty to read the source's
   *     {@code io.esperanto.base-image} label
   * @param progress receives one line per phase
   * @param tempDir where a private temporary directory is made (needs about one image's size)
   */
  public SquashImageStep(DockerClient docker, String sourceImage, SquashMode mode,
      Optional<String> baseImage, Consumer<String> progress, Path tempDir) {
    this(docker, sourceImage, mode, baseImage, progress, tempDir, UnaryOperator.identity(),
        UnaryOperator.identity());
  }

  /**
   * For tests: {@code saveFilter} may damage what the daemon saves (as a hostile layer or
   * another daemon would), {@code loadFilter} the load archive on its way to the daemon.
   */
  SquashImageStep(DockerClient docker, String sourceImage, SquashMode mode,
      Optional<String> baseImage, Consumer<String> progress, Path tempDir,
      UnaryOperator<InputStream> saveFilter, UnaryOperator<InputStream> loadFilter) {
    this.saveFilter = Objects.requireNonNull(saveFilter);
    this.loadFilter = Objects.requireNonNull(loadFilter);
    this.docker = Objects.requireNonNull(docker);
    this.sourceImage = Objects.requireNonNull(sourceImage);
    this.mode = Objects.requireNonNull(mode);
    this.baseImage = Objects.requireNonNull(baseImage);
    this.progress = Objects.requireNonNull(progress);
    this.tempDir = Objects.requireNonNull(tempDir);
  }

  /**
   * @throws SquashException when the image or its base is missing or unsuitable, or saving,
   *     merging or loading fails or is interrupted; nothing has changed in the daemon then
   */
  @Override
  public SquashResult call() throws SquashException {
    InspectImageResponse source = inspect(sourceImage, "image");
    List<String> layers = SquashBase.layersOf(source);
    SquashResult unchanged = SquashResult.of(source.getId(), source.getId(), size(source),
        size(source), layers.size(), layers.size());
    if (mode == SquashMode.NONE) {
      return unchanged;
    }
    SquashBase base = SquashBase.resolve(docker, sourceImage, source, mode, baseImage);
    if (layers.size() == base.layers()) {
      progress.accept(sourceImage + " has no layers above its base; nothing to squash");
      return unchanged;
    }
    try (WorkDirectory work = WorkDirectory.create(tempDir)) {
      String id = squash(source, base, work.path());
      return SquashResult.of(id, source.getId(), size(source), size(inspect(id, "squashed image")),
          layers.size(), base.layers() + 1);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw failure("the squash was interrupted", e);
    } catch (IOException e) {
      throw failure(e.getMessage() + " (temporary files under " + tempDir + ")", e);
    } catch (DockerException e) {
      throw failure(e.getMessage(), e);
    }
  }

  private String squash(InspectImageResponse source, SquashBase base, Path dir)
      throws IOException, InterruptedException {
    progress.accept("Saving " + sourceImage + " (" + source.getId() + ")");
    SpooledArchive archive;
    try (InputStream save = saveFilter.apply(docker.saveImageCmd(source.getId()).exec())) {
      archive = SpooledArchive.spool(save, dir);
    }
    SavedImage image = SavedImage.read(archive, dir);
    List<String> diffIds = SquashBase.layersOf(source);
    if (image.layers().size() != diffIds.size()) {
      throw new IOException("docker save gave " + image.layers().size() + " layers, expected "
          + diffIds.size());
    }
    List<Path> kept = image.layers().subList(0, base.layers());
    List<Path> own = image.layers().subList(base.layers(), diffIds.size());
    progress.accept("Merging " + own.size() + " layers");
    String description = "esperanto squash --mode " + mode.yamlName() + ": " + own.size()
        + " layers merged into one";
    List<Map.Entry<String, Path>> load = new ArrayList<>();
    for (int i = 0; i < kept.size(); i++) {
      load.add(new AbstractMap.SimpleImmutableEntry<>(diffIds.get(i), kept.get(i)));
    }
    try (MergedLayerStream merged =
        new MergeLayersStep(own, diffIds.subList(base.layers(), diffIds.size()),
            base.layers() > 0, dir.resolve("merged.tar")).stream()) {
      progress.accept("Loading the squashed image (merged layer: " + merged.size() + " bytes)");
      return new LoadSquashedImageStep(docker, load, merged,
          diffId -> SquashedConfig.rewrite(image.config(), base.layers(), base.created(), diffId,
              source.getId(), description),
          loadFilter).call();
    }
  }

  private InspectImageResponse inspect(String image, String what) throws SquashException {
    try {
      return docker.inspectImageCmd(image).exec();
    } catch (NotFoundException e) {
      throw new SquashException(sourceImage, "Tried to squash " + sourceImage + " but the "
          + what + " " + image + " is not in the local daemon; build or pull it first", e);
    } catch (DockerException e) {
      throw failure(e.getMessage(), e);
    }
  }

  private SquashException failure(String reason, Exception cause) {
    return new SquashException(sourceImage, "Tried to squash " + sourceImage + " (mode "
        + mode.yamlName() + ") but failed because " + oneLine(reason) + "; the original image"
        + " and its tags are unchanged", cause);
  }

  private static String oneLine(String text) {
    return text == null ? "of an unknown error" : text.replaceAll("\\s+", " ").trim();
  }

  private static long size(InspectImageResponse image) {
    return image.getSize() == null ? 0 : image.getSize();
  }
}
