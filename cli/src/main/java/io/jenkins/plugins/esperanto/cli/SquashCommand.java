package io.jenkins.plugins.esperanto.cli;

import com.github.dockerjava.api.DockerClient;
import io.jenkins.plugins.esperanto.engine.api.EsperantoException;
import io.jenkins.plugins.esperanto.engine.api.ImageName;
import io.jenkins.plugins.esperanto.engine.api.ImageResult;
import io.jenkins.plugins.esperanto.engine.api.SquashMode;
import io.jenkins.plugins.esperanto.engine.build.BuildOptions;
import io.jenkins.plugins.esperanto.engine.build.ImageBuilder;
import io.jenkins.plugins.esperanto.engine.catalog.Catalog;
import io.jenkins.plugins.esperanto.engine.squash.SquashException;
import io.jenkins.plugins.esperanto.engine.squash.SquashImageStep;
import io.jenkins.plugins.esperanto.engine.squash.SquashResult;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine;

/** {@code esperanto squash <reference>}: squashes an image and moves its tag to the result. */
@Command(
    name = "squash",
    description = "Squashes an image's layers (own: those above its base; all: every layer) and"
        + " moves the given tag to the squashed image.")
final class SquashCommand implements Callable<Integer> {
  @Parameters(paramLabel = "<image|reference>",
      description = "A catalog image name, or an image reference (repo:tag) or ID.")
  String reference;

  @CommandLine.Mixin EngineOptions engine;

  @Option(names = "--mode", paramLabel = "own|all", defaultValue = "own",
      description = "own (default): merge the layers above the base; all: one layer.")
  String mode;

  @Option(names = "--base", paramLabel = "REF",
      description = "For --mode own: the image it was built FROM (default: its"
          + " io.esperanto.base-image label).")
  String base;

  @Option(names = "--temp-dir", paramLabel = "DIR",
      description = "Where to spool layers (default: the system temporary directory).")
  Path tempDir = Path.of(System.getProperty("java.io.tmpdir"));

  @Option(names = "--host", paramLabel = "URL", description = "Docker host (default: DOCKER_HOST).")
  String host;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws EsperantoException {
    SquashMode squashMode = SquashMode.parse(mode).filter(m -> m != SquashMode.NONE)
        .orElseThrow(() -> new CommandLine.ParameterException(spec.commandLine(),
            "Invalid value for --mode: '" + mode + "' (expected own or all)"));
    PrintWriter out = spec.commandLine().getOut();
    Optional<Catalog> catalog = catalogNaming(reference);
    if (catalog.isPresent()) {
      return squashCatalogImage(catalog.get(), squashMode, out);
    }
    DockerClient docker = EngineOptions.connect("--host", Optional.ofNullable(host));
    long start = System.nanoTime();
    SquashResult result = new SquashImageStep(docker, reference, squashMode,
        Optional.ofNullable(base), line -> {
          out.println(line);
          out.flush();
        }, EngineOptions.privateTempDir(tempDir)).call();
    Optional<String[]> tag = repositoryAndTag(reference);
    if (result.changed() && tag.isPresent()) {
      try {
        docker.tagImageCmd(result.imageId(), tag.get()[0], tag.get()[1]).withForce(true).exec();
      } catch (RuntimeException e) {
        throw new SquashException(reference, "Squashed " + reference + " into "
            + result.imageId() + " but could not tag it " + reference + ": " + e.getMessage()
            + "; tag it by hand");
      }
    }
    out.printf(Locale.ROOT, "%s: %d layers, %s -> %d layers, %s: %s (%.2f s)%n", reference,
        result.layersBefore(), megabytes(result.sizeBefore()), result.layersAfter(),
        megabytes(result.sizeAfter()), result.imageId(), (System.nanoTime() - start) / 1e9);
    return 0;
  }

  /**
   * The catalog, when {@code value} names one of its images. A catalog image is not squashed in
   * place: the squash mode is part of its content key, so its squashed variant is built (from
   * Docker's cache) and tagged with its own key, exactly as {@code build --squash} does.
   */
  private Optional<Catalog> catalogNaming(String value) {
    if (!ImageName.isValid(value)) {
      return Optional.empty();
    }
    try {
      Catalog catalog = engine.loadCatalog();
      return catalog.names().contains(ImageName.of(value)) ? Optional.of(catalog) : Optional.empty();
    } catch (EsperantoException e) {
      return Optional.empty();
    }
  }

  private int squashCatalogImage(Catalog catalog, SquashMode squashMode, PrintWriter out)
      throws EsperantoException {
    try (DockerClient docker = engine.connect()) {
      List<ImageResult> results = new ImageBuilder(docker, catalog, engine.repository(),
          EngineOptions.privateTempDir(tempDir), line -> {
        out.println(line);
        out.flush();
      }).ensure(List.of(ImageName.of(reference)), BuildOptions.of(false, false, Optional.of(squashMode)));
      ImageResult squashed = results.get(results.size() - 1);
      out.println(squashed.reference() + " " + squashed.imageId());
      out.flush();
      return 0;
    } catch (java.io.IOException e) {
      throw new EsperantoException("Tried to close the Docker connection but failed: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new EsperantoException("Interrupted while squashing " + reference, e);
    }
  }

  /** repo and tag of a tagged reference; empty for an ID or a digest reference. */
  static Optional<String[]> repositoryAndTag(String reference) {
    if (reference.contains("@") || reference.matches("(sha256:)?[0-9a-f]{12,64}")) {
      return Optional.empty();
    }
    int colon = reference.lastIndexOf(':');
    if (colon > reference.lastIndexOf('/')) {
      return Optional.of(new String[] {reference.substring(0, colon),
          reference.substring(colon + 1)});
    }
    return Optional.of(new String[] {reference, "latest"});
  }

  private static String megabytes(long bytes) {
    return String.format(Locale.ROOT, "%.1f MB", bytes / 1e6);
  }
}
