package io.jenkins.plugins.esperanto.cli;

import com.github.dockerjava.api.DockerClient;
import io.jenkins.plugins.esperanto.engine.api.ImageName;
import io.jenkins.plugins.esperanto.engine.api.ImageResult;
import io.jenkins.plugins.esperanto.engine.api.SquashMode;
import io.jenkins.plugins.esperanto.engine.build.BuildOptions;
import io.jenkins.plugins.esperanto.engine.build.ImageBuilder;
import io.jenkins.plugins.esperanto.engine.catalog.Catalog;
import java.io.PrintWriter;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code esperanto build}: builds what is missing for the current content keys, parents first. */
@Command(name = "build", description = "Build images whose content key has no image yet (parents first).")
final class BuildCommand implements Callable<Integer> {
  @Spec CommandLine.Model.CommandSpec spec;
  @Mixin EngineOptions engine;
  @Mixin RegistryOptions registry;

  @Mixin ImageSelection selection;

  @Option(names = "--no-cache", description = "Do not use Docker's layer cache.")
  boolean noCache;

  @Option(names = "--pull", description = "Ask Docker to pull newer versions of external base images.")
  boolean pull;

  @Option(names = "--no-push", description = "With a registry in --repository: do not push what is built.")
  boolean noPush;

  @Override
  public Integer call() throws Exception {
    Optional<SquashMode> squashMode = selection.squashMode(spec);
    Catalog catalog = engine.loadCatalog();
    List<ImageName> names = selection.names(spec, catalog);
    PrintWriter err = spec.commandLine().getErr();
    PrintWriter out = spec.commandLine().getOut();
    try (DockerClient docker = engine.connect()) {
      ImageBuilder builder = new ImageBuilder(docker, catalog, engine.repository(), engine.tempDir(), line -> {
        err.println(line);
        err.flush();
      });
      registry.clientForRepository(docker, engine.repository(), err).ifPresent(client -> builder.withRegistry(client, !noPush));
      List<ImageResult> results = builder.ensure(names, BuildOptions.of(noCache, pull, squashMode));
      for (ImageResult result : results) {
        out.printf("%-24s %-10s %s%n", result.name(), describe(result), result.reference());
      }
      out.flush();
    }
    return 0;
  }

  private static String describe(ImageResult result) {
    return result.action().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
  }
}
