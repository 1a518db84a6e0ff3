package io.jenkins.plugins.esperanto.cli;

import io.jenkins.plugins.esperanto.engine.api.EsperantoException;
import io.jenkins.plugins.esperanto.engine.api.ImageName;
import io.jenkins.plugins.esperanto.engine.api.SquashMode;
import io.jenkins.plugins.esperanto.engine.catalog.Catalog;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Which images a build-like command works on ({@code IMAGE...} or {@code --all}), and its squash override. */
final class ImageSelection {
  @Parameters(arity = "0..*", paramLabel = "IMAGE", description = "Catalog image name(s).")
  List<String> images = new ArrayList<>();

  @Option(names = "--all", description = "Every image of the catalog.")
  boolean all;

  @Option(names = "--squash", paramLabel = "MODE", description = "Override build.squash: none, own or all.")
  String squash;

  /** The named images (validated), or every image with {@code --all}. */
  List<ImageName> names(CommandSpec spec, Catalog catalog) throws EsperantoException {
    if (all == !images.isEmpty()) {
      throw new CommandLine.ParameterException(spec.commandLine(), "Name one or more images, or --all (not both)");
    }
    return all ? new ArrayList<>(catalog.names()) : EngineOptions.names(images);
  }

  Optional<SquashMode> squashMode(CommandSpec spec) {
    if (squash == null) {
      return Optional.empty();
    }
    return Optional.of(SquashMode.parse(squash).orElseThrow(() -> new CommandLine.ParameterException(
        spec.commandLine(), "--squash must be none, own or all; got '" + squash + "'")));
  }
}
