package io.jenkins.plugins.esperanto.cli;

import com.github.dockerjava.api.DockerClient;
import io.jenkins.plugins.esperanto.engine.api.ImageName;
import io.jenkins.plugins.esperanto.engine.catalog.Catalog;
import io.jenkins.plugins.esperanto.engine.prune.PruneLocalTagsStep;
import io.jenkins.plugins.esperanto.engine.prune.PrunedTag;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code esperanto prune --keep N}: removes old content-key tags, never an image a container uses. */
@Command(name = "prune", description = "Remove all but the newest N content-key tags of each image from the Docker"
    + " Engine; images used by a container are kept.")
final class PruneCommand implements Callable<Integer> {
  @Spec CommandLine.Model.CommandSpec spec;
  @Mixin EngineOptions engine;

  @Parameters(arity = "0..*", paramLabel = "IMAGE", description = "Catalog image name(s) (default: every catalog image).")
  List<String> images = new ArrayList<>();

  @Option(names = "--keep", paramLabel = "N", required = true, description = "Content-key tags to keep per image (1 or more).")
  int keep;

  @Option(names = "--dry-run", description = "Print what would be removed; remove nothing.")
  boolean dryRun;

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
    try (DockerClient docker = engine.connect()) {
      List<PrunedTag> tags = new PruneLocalTagsStep(docker, engine.repository(), names, keep, dryRun, line -> {
        err.println(line);
        err.flush();
      }).call();
      long removed = 0;
      for (PrunedTag tag : tags) {
        String decision = tag.decision() == PrunedTag.Decision.REMOVE && dryRun ? "would-remove"
            : tag.decision().name().toLowerCase(Locale.ROOT).replace('_', '-');
        out.printf("%-12s %s%n", decision, tag.reference());
        removed += tag.decision() == PrunedTag.Decision.REMOVE ? 1 : 0;
      }
      out.println((dryRun ? "would remove " : "removed ") + removed + " tag(s), kept up to " + keep + " per image");
      out.flush();
    }
    return 0;
  }
}
