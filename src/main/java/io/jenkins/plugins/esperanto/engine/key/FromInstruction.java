package io.jenkins.plugins.esperanto.engine.key;

import java.util.Objects;
import java.util.Optional;

/** One {@code FROM} instruction of a Dockerfile, with its image after ARG substitution. */
public final class FromInstruction {
  private final int line;
  private final String image;
  private final String rawImage;
  private final Optional<String> stageName;
  private final Optional<String> platform;
  private final boolean earlierStage;
  private final int sourceStart;
  private final int sourceEnd;

  FromInstruction(
      int line,
      String image,
      String rawImage,
      Optional<String> stageName,
      Optional<String> platform,
      boolean earlierStage,
      int sourceStart,
      int sourceEnd) {
    this.line = line;
    this.image = image;
    this.rawImage = rawImage;
    this.stageName = stageName;
    this.platform = platform;
    this.earlierStage = earlierStage;
    this.sourceStart = sourceStart;
    this.sourceEnd = sourceEnd;
  }

  /** The 1-based line where the instruction starts. */
  public int line() {
    return line;
  }

  /** The image (or earlier stage name) after ARG substitution, quotes removed. */
  public String image() {
    return image;
  }

  /** The image word as written in the Dockerfile, before substitution. */
  public String rawImage() {
    return rawImage;
  }

  /** The stage name given with {@code AS}, lower-cased as Docker does. */
  public Optional<String> stageName() {
    return stageName;
  }

  /** The {@code --platform} flag's value as written, if any. */
  public Optional<String> platform() {
    return platform;
  }

  /** True when {@link #image()} names an earlier stage of the same Dockerfile. */
  public boolean referencesEarlierStage() {
    return earlierStage;
  }

  /** True for {@code FROM scratch}: no parent image at all. */
  public boolean isScratch() {
    return !earlierStage && image.equals("scratch");
  }

  /** True when the image is a real parent: neither an earlier stage nor {@code scratch}. */
  public boolean isParentImage() {
    return !earlierStage && !isScratch();
  }

  int sourceStart() {
    return sourceStart;
  }

  int sourceEnd() {
    return sourceEnd;
  }

  @Override
  public boolean equals(Object other) {
    if (!(other instanceof FromInstruction)) {
      return false;
    }
    FromInstruction that = (FromInstruction) other;
    return line == that.line
        && image.equals(that.image)
        && rawImage.equals(that.rawImage)
        && stageName.equals(that.stageName)
        && platform.equals(that.platform)
        && earlierStage == that.earlierStage;
  }

  @Override
  public int hashCode() {
    return Objects.hash(line, image, rawImage, stageName, platform, earlierStage);
  }

  @Override
  public String toString() {
    return "line " + line + ": FROM " + image + stageName.map(s -> " AS " + s).orElse("");
  }
}
