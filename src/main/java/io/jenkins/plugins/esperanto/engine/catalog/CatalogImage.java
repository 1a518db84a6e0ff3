package io.jenkins.plugins.esperanto.engine.catalog;

import io.jenkins.plugins.esperanto.engine.api.ImageName;
import io.jenkins.plugins.esperanto.engine.api.InvalidCatalogException;
import io.jenkins.plugins.esperanto.engine.key.CatalogFile;
import io.jenkins.plugins.esperanto.engine.key.DockerfileFroms;
import io.jenkins.plugins.esperanto.engine.key.FromInstruction;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** One image of the catalog: its folder, parsed {@code image.yaml} and Dockerfile. */
public final class CatalogImage {
  /** Docker/ is the build context; the Dockerfile sits at its top. */
  static final String CONTEXT_DIR = "Docker";
  static final String DOCKERFILE = "Dockerfile";
  static final String SPEC_FILE = "image.yaml";
  /**
   * A {@code FROM esperanto/<name>} (no tag, or {@code :latest}) names the catalog image
   * {@code <name>}; the engine pins it to the parent's content key when it builds.
   */
  public static final String CATALOG_FROM_PREFIX = "esperanto/";

  private final ImageName name;
  private final Path dir;
  private final ImageSpec spec;
  private final String dockerfileText;
  private final String dockerfilePath;
  private final DockerfileFroms froms;

  private CatalogImage(ImageName name, Path dir, ImageSpec spec, String dockerfileText,
      String dockerfilePath, DockerfileFroms froms) {
    this.name = name;
    this.dockerfilePath = dockerfilePath;
    this.dir = dir;
    this.spec = spec;
    this.dockerfileText = dockerfileText;
    this.froms = froms;
  }

  static CatalogImage load(ImageName name, Path dir) throws InvalidCatalogException {
    ImageSpec spec = ImageSpecParser.parse(dir.resolve(SPEC_FILE));
    Path dockerfile = dir.resolve(CONTEXT_DIR).resolve(DOCKERFILE);
    String text;
    String dockerfilePath;
    try {
      text = new String(CatalogFile.read(dockerfile), java.nio.charset.StandardCharsets.UTF_8);
      dockerfilePath = resolvedInsideContext(dir.resolve(CONTEXT_DIR), dockerfile);
    } catch (java.nio.file.NoSuchFileException e) {
      throw new InvalidCatalogException(dockerfile, 0, "missing: every image needs "
          + CONTEXT_DIR + "/" + DOCKERFILE + " (the build recipe; " + CONTEXT_DIR + "/ is the build context)");
    } catch (java.io.IOException | java.io.UncheckedIOException e) {
      throw new InvalidCatalogException(dockerfile, 0, "cannot be read: " + e.getMessage());
    }
    DockerfileFroms froms;
    try {
      froms = DockerfileFroms.parse(text, spec.build().args(), dockerfile.toString());
    } catch (io.jenkins.plugins.esperanto.engine.api.EsperantoException e) {
      throw new InvalidCatalogException(e.getMessage());
    }
    if (froms.instructions().isEmpty()) {
      throw new InvalidCatalogException(dockerfile, 0, "has no FROM instruction");
    }
    return new CatalogImage(name, dir, spec, text, dockerfilePath, froms);
  }

  /**
   * The Dockerfile's path relative to the context with links resolved, as the Docker CLI
   * sends it ({@code filepath.EvalSymlinks}, then relative to the context). A link to a file
   * outside the context is refused: {@code docker build} refuses it too ("unable to open
   * Dockerfile"), so a key for it would name a build that cannot run, pinned FROM or not.
   */
  private static String resolvedInsideContext(Path context, Path dockerfile)
      throws InvalidCatalogException, java.io.IOException {
    Path real = dockerfile.toRealPath();
    Path realContext = context.toRealPath();
    if (!real.startsWith(realContext)) {
      throw new InvalidCatalogException(dockerfile, 0, "is a symbolic link to " + real
          + ", outside the build context " + CONTEXT_DIR + "/, which docker build refuses too;"
          + " copy the file into " + CONTEXT_DIR + "/");
    }
    return realContext.relativize(real).toString();
  }

  public ImageName name() {
    return name;
  }

  /** The image's folder, {@code images/<name>}. */
  public Path dir() {
    return dir;
  }

  public Path contextDir() {
    return dir.resolve(CONTEXT_DIR);
  }

  /**
   * The Dockerfile's path relative to the context, links resolved: {@code Dockerfile}, or
   * where {@code Docker/Dockerfile} links to inside the context.
   */
  public String dockerfilePath() {
    return dockerfilePath;
  }

  public Path dockerfile() {
    return contextDir().resolve(DOCKERFILE);
  }

  public String dockerfileText() {
    return dockerfileText;
  }

  public ImageSpec spec() {
    return spec;
  }

  /** The {@code FROM} instructions, with build args substituted. */
  public List<FromInstruction> froms() {
    return froms.instructions();
  }

  public DockerfileFroms dockerfileFroms() {
    return froms;
  }

  /** The catalog name a {@code FROM} refers to, if it follows the catalog convention. */
  public static Optional<String> catalogNameOf(FromInstruction from) {
    String image = from.image();
    if (from.referencesEarlierStage() || !image.startsWith(CATALOG_FROM_PREFIX)) {
      return Optional.empty();
    }
    String rest = image.substring(CATALOG_FROM_PREFIX.length());
    if (rest.endsWith(":latest")) {
      rest = rest.substring(0, rest.length() - ":latest".length());
    }
    return ImageName.isValid(rest) ? Optional.of(rest) : Optional.empty();
  }

  /** Names used in FROM lines that follow the catalog convention (may not all exist). */
  List<String> referencedCatalogNames() {
    List<String> names = new ArrayList<>();
    for (FromInstruction from : froms()) {
      catalogNameOf(from).filter(n -> !names.contains(n)).ifPresent(names::add);
    }
    return names;
  }
}
