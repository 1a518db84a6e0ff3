package io.jenkins.plugins.esperanto.engine.squash;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectImageResponse;
import com.github.dockerjava.api.exception.NotFoundException;
import io.jenkins.plugins.esperanto.engine.api.SquashMode;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The layers a squash keeps: none for mode all; for mode own, those of the base image named by
 * the caller or by the source's {@value #BASE_LABEL} label ({@code scratch}: none), which must
 * be a prefix of the source's layers.
 */
final class SquashBase {
  /** Label the build sets on an image: the image ID of its FROM base, or {@code scratch}. */
  static final String BASE_LABEL = "io.esperanto.base-image";

  private final int layers;
  private final Optional<Instant> created;

  private SquashBase(int layers, Optional<Instant> created) {
    this.layers = layers;
    this.created = created;
  }

  static SquashBase resolve(DockerClient docker, String sourceName, InspectImageResponse source,
      SquashMode mode, Optional<String> baseImage) throws SquashException {
    if (mode == SquashMode.ALL) {
      return new SquashBase(0, Optional.empty());
    }
    Map<String, String> labels = source.getConfig() == null || source.getConfig().getLabels() == null
        ? Map.of() : source.getConfig().getLabels();
    Optional<String> base = baseImage.filter(b -> !b.isBlank())
        .or(() -> Optional.ofNullable(labels.get(BASE_LABEL)).filter(b -> !b.isBlank()));
    if (base.isEmpty()) {
      throw new SquashException(sourceName, "Tried to squash the own layers of " + sourceName
          + " but its base image is unknown (no label " + BASE_LABEL + "); pass --base <image>");
    }
    if (base.get().equals("scratch")) {
      return new SquashBase(0, Optional.empty());
    }
    InspectImageResponse inspected;
    try {
      inspected = docker.inspectImageCmd(base.get()).exec();
    } catch (NotFoundException e) {
      throw new SquashException(sourceName, "Tried to squash the own layers of " + sourceName
          + " but its base image " + base.get() + " is not in the local daemon; pull it or pass"
          + " --base <image>", e);
    }
    List<String> baseIds = layersOf(inspected);
    List<String> sourceIds = layersOf(source);
    if (baseIds.size() > sourceIds.size() || !sourceIds.subList(0, baseIds.size()).equals(baseIds)) {
      throw new SquashException(sourceName, "Tried to squash the own layers of " + sourceName
          + " above " + base.get() + " but the layers of " + base.get()
          + " are not the first layers of " + sourceName + "; pass the image it was built FROM"
          + " with --base");
    }
    return new SquashBase(baseIds.size(), parse(inspected.getCreated()));
  }

  static List<String> layersOf(InspectImageResponse image) {
    return image.getRootFS() == null || image.getRootFS().getLayers() == null ? List.of()
        : image.getRootFS().getLayers();
  }

  /** Number of layers kept as they are. */
  int layers() {
    return layers;
  }

  /** When the base was created, to tell its history entries from the source's own. */
  Optional<Instant> created() {
    return created;
  }

  private static Optional<Instant> parse(String created) {
    try {
      return Optional.ofNullable(created).map(Instant::parse);
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }
}
