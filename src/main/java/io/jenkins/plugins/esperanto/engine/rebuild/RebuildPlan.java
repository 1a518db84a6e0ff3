package io.jenkins.plugins.esperanto.engine.rebuild;

import io.jenkins.plugins.esperanto.engine.api.ImageName;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a rebuild will do, decided before anything is built: every requested image (and its
 * catalog parents) with its content key, parents before children, and for each whether it is
 * rebuilt and why.
 */
public final class RebuildPlan {
  private final Map<ImageName, PlannedImage> images;

  private RebuildPlan(List<PlannedImage> ordered) {
    Map<ImageName, PlannedImage> map = new LinkedHashMap<>();
    for (PlannedImage image : ordered) {
      for (ImageName parent : image.parents()) {
        if (!map.containsKey(parent)) {
          throw new IllegalArgumentException(image.name() + " is listed before its parent " + parent);
        }
      }
      map.put(image.name(), image);
    }
    this.images = map;
  }

  /**
   * A plan of {@code ordered}, parents before children.
   *
   * @throws IllegalArgumentException when an image comes before one of its parents
   */
  public static RebuildPlan of(List<PlannedImage> ordered) {
    return new RebuildPlan(ordered);
  }

  /** Every image, parents before children. */
  public List<PlannedImage> images() {
    return List.copyOf(images.values());
  }

  /** The images that are rebuilt, parents before children. */
  public List<PlannedImage> toRebuild() {
    return images.values().stream().filter(PlannedImage::rebuild).toList();
  }

  /** The image called {@code name}, when it is part of the plan. */
  public Optional<PlannedImage> image(ImageName name) {
    return Optional.ofNullable(images.get(name));
  }

  /** True when some rebuilt image builds FROM {@code name}: it must then be on the engine. */
  public boolean isNeededLocally(ImageName name) {
    return images.values().stream().anyMatch(i -> i.rebuild() && i.parents().contains(name));
  }

  /** The plan as text, one line per image, for the console before anything happens. */
  public List<String> describe() {
    List<String> lines = new ArrayList<>();
    int width = images.keySet().stream().mapToInt(n -> n.value().length()).max().orElse(5);
    lines.add("Rebuild plan: " + toRebuild().size() + " of " + images.size() + " image(s) to build");
    for (PlannedImage image : images.values()) {
      lines.add(String.format("  %-" + width + "s  %s  %s  %s", image.name().value(), image.key().tag(),
          image.rebuild() ? "build" : "keep ", image.reason().text()));
    }
    return lines;
  }
}
