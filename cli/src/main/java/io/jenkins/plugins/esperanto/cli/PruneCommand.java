package io.jenkins.plugins.esperanto.cli;

import com.github.dockerjava.api.DockerClient;
import io.jenkins.plugins.esperanto.engine.api.ImageName;
import io.jenkins.plugins.esperanto.engine.catalog.Catalog;
import io.jenkins.plugins.esperanto.engine.prune.PruneLocalTagsStep;
import io.jenkins.plugins.esperanto.engine.prune.PrunedTag;
import io.jenkins.plugins.esperanto.engine.registry.PruneEcrTagsStep;
import io.jenkins.plugins.esperanto.engine.registry.PruneRemoteTagsStep;
import io.jenkins.plugins.esperanto.engine.registry.RegistryAuthProvider;
import io.jenkins.plugins.esperanto.engine.registry.RegistryLocation;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code esperanto prune --keep N}: removes old content-key tags, never an image a container uses. */
@Command(name = "prune", mixinStandardHelpOptions = true, description = "Remove all but the newest N content-key tags of each image from the Docker"
    + " Engine (images used by a container are kept) and, with --registry, from the registry of --repository.")
final class PruneCommand implements Callable<Integer> {
  @Spec CommandLine.Model.CommandSpec spec;
  @Mixin EngineOptions engine;
  @Mixin RegistryOptions registry;

  @Parameters(arity = "0..*", paramLabel = "IMAGE", description = "Catalog image name(s) (default: every catalog image).")
  List<String> images = new ArrayList<>();

  @Option(names = "--keep", paramLabel = "N", required = true, description = "Content-key tags to keep per image (1 or more).")
  int keep;

  @Option(names = "--dry-run", description = "Print what would be removed; remove nothing.")
  boolean dryRun;

  @Option(names = "--registry", description = "Also prune in the registry that --repository names (ECR: BatchDeleteImage;"
      + " others: Registry API v2 manifest delete).")
  boolean inRegistry;

  @Override
  public Integer call() throws Exception {
    if (keep < 1) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--keep must be 1 or more; got " + keep);
    }
    List<ImageName> names = EngineOptions.names(images);
    if (names.isEmpty()) {
      Catalog catalog = engine.loadCatalog();
      names = new ArrayList<>(catalog.names());
    }
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    java.util.function.Consumer<String> log = line -> {
      err.println(line);
      err.flush();
    };
    String repository = engine.repository();
    RegistryLocation location = RegistryLocation.parse(repository);
    if (inRegistry && !location.hasRegistry()) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--registry needs a registry in --repository"
          + " (host[:port]/path such as registry.example.com:5000/team); '" + repository + "' names none");
    }
    try (DockerClient docker = engine.connect()) {
      List<PrunedTag> tags = new ArrayList<>(new PruneLocalTagsStep(docker, repository, names, keep, dryRun, log).call());
      int local = tags.size();
      if (inRegistry) {
        location = registry.location(location.referenceFor("probe", "latest"), repository);
        RegistryAuthProvider auth = registry.authProvider(location, repository, registry.explicit(System.in), err);
        List<String> images = names.stream().map(ImageName::value).toList();
        tags.addAll(location.ecr().isPresent() && auth.credentials().isAws()
            ? new PruneEcrTagsStep(location, auth.credentials(), Optional.ofNullable(registry.ecrEndpoint), images, keep,
                dryRun, log).call()
            : new PruneRemoteTagsStep(location, auth, images, keep, dryRun, log).call());
      }
      long removed = 0;
      for (int i = 0; i < tags.size(); i++) {
        PrunedTag tag = tags.get(i);
        String decision = tag.decision() == PrunedTag.Decision.REMOVE && dryRun ? "would-remove"
            : tag.decision().name().toLowerCase(Locale.ROOT).replace('_', '-');
        out.printf("%-12s %-8s %s%n", decision, i < local ? "local" : "registry", tag.reference());
        removed += tag.decision() == PrunedTag.Decision.REMOVE ? 1 : 0;
      }
      out.println((dryRun ? "would remove " : "removed ") + removed + " tag(s), kept up to " + keep + " per image");
      out.flush();
    }
    return 0;
  }
}
