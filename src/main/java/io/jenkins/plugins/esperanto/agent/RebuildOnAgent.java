package io.jenkins.plugins.esperanto.agent;

import com.github.dockerjava.api.DockerClient;
import hudson.AbortException;
import hudson.model.TaskListener;
import io.jenkins.plugins.esperanto.engine.api.EsperantoException;
import io.jenkins.plugins.esperanto.engine.api.ImageName;
import io.jenkins.plugins.esperanto.engine.build.BuildOptions;
import io.jenkins.plugins.esperanto.engine.build.ImageBuilder;
import io.jenkins.plugins.esperanto.engine.catalog.Catalog;
import io.jenkins.plugins.esperanto.engine.rebuild.EngineImageOperations;
import io.jenkins.plugins.esperanto.engine.rebuild.PlanRebuildStep;
import io.jenkins.plugins.esperanto.engine.rebuild.RebuildAction;
import io.jenkins.plugins.esperanto.engine.rebuild.RebuildPlan;
import io.jenkins.plugins.esperanto.engine.rebuild.RebuildReport;
import io.jenkins.plugins.esperanto.engine.rebuild.RunRebuildStep;
import io.jenkins.plugins.esperanto.engine.registry.RegistryClient;
import io.jenkins.plugins.esperanto.engine.registry.RegistryLocation;
import io.jenkins.plugins.esperanto.engine.report.ConsoleTable;
import io.jenkins.plugins.esperanto.engine.report.ReportFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import jenkins.security.MasterToSlaveCallable;

/** Agent side of {@code esperantoRebuild}: plan, rebuild, reports into the workspace; log masked. */
public final class RebuildOnAgent extends MasterToSlaveCallable<RebuildSummary, IOException> {
  private static final long serialVersionUID = 1L;

  private final RebuildRequest request;
  private final TaskListener listener;

  public RebuildOnAgent(RebuildRequest request, TaskListener listener) {
    this.request = request;
    this.listener = listener;
  }

  @Override
  public RebuildSummary call() throws IOException {
    List<String> secrets = request.credentials().secretValues();
    MaskingLog log = new MaskingLog(listener.getLogger(), secrets);
    Path workspace = Path.of(request.workspace());
    Path temp = Files.createTempDirectory("esperanto-rebuild");
    try {
      // the agent's shared connection: the step runs in the agent's long-lived JVM
      DockerClient docker = AgentDocker.get();
      Catalog catalog = Catalog.load(workspace.resolve(request.settings().catalog()));
      List<ImageName> names = new ArrayList<>();
      for (String image : request.images()) {
        names.add(ImageName.of(image));
      }
      if (names.isEmpty()) {
        names.addAll(catalog.names());
      } else {
        // named images bring along everything that builds FROM them
        names = new ArrayList<>(catalog.withDependents(names));
      }
      String repository = request.settings().repository().orElse("esperanto");
      ImageBuilder builder = new ImageBuilder(docker, catalog, repository, temp, line -> { });
      EngineImageOperations operations = EngineImageOperations.of(docker, catalog, builder,
          BuildOptions.of(false, false, request.settings().squash()), registry(docker, repository, log));
      RebuildPlan plan = new PlanRebuildStep(operations, names, request.refresh()).call();
      plan.describe().forEach(log);
      if (request.dryRun()) {
        return RebuildSummary.of(plan.toRebuild().size(), 0, 0, "dry run: " + plan.toRebuild().size() + " to build");
      }
      int threads = request.parallel() > 0 ? request.parallel() : Runtime.getRuntime().availableProcessors();
      RebuildReport report = new RunRebuildStep(plan, operations, threads, request.refresh(), log).call();
      ConsoleTable.render(report).forEach(log);
      ReportFiles.write(report, workspace.resolve(request.reportDir()));
      return RebuildSummary.of(plan.toRebuild().size(), (int) report.count(RebuildAction.FAILED),
          (int) report.count(RebuildAction.SKIPPED), report.summary());
    } catch (EsperantoException | RuntimeException e) {
      throw MaskedFailure.of(e, secrets);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AbortException("esperantoRebuild was interrupted; images in progress were stopped and not tagged");
    } finally {
      log.flush();
      deleteQuietly(temp);
    }
  }

  /** A registry client when the repository names a registry host; empty for local images. */
  private Optional<RegistryClient> registry(DockerClient docker, String repository, MaskingLog log)
      throws EsperantoException {
    if (!RegistryLocation.parse(repository).hasRegistry()) {
      return Optional.empty();
    }
    return Optional.of(RegistryAccess.client(docker, request.settings(), request.credentials(), log));
  }

  private static void deleteQuietly(Path dir) {
    try (var paths = Files.walk(dir)) {
      paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // a temp folder left behind is harmless
    }
  }
}
