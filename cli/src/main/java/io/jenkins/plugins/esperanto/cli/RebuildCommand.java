package io.jenkins.plugins.esperanto.cli;

import com.github.dockerjava.api.DockerClient;
import io.jenkins.plugins.esperanto.engine.api.EsperantoException;
import io.jenkins.plugins.esperanto.engine.api.ImageName;
import io.jenkins.plugins.esperanto.engine.api.SquashMode;
import io.jenkins.plugins.esperanto.engine.build.BuildOptions;
import io.jenkins.plugins.esperanto.engine.build.ImageBuilder;
import io.jenkins.plugins.esperanto.engine.catalog.Catalog;
import io.jenkins.plugins.esperanto.engine.rebuild.EngineImageOperations;
import io.jenkins.plugins.esperanto.engine.rebuild.PlanRebuildStep;
import io.jenkins.plugins.esperanto.engine.rebuild.RebuildPlan;
import io.jenkins.plugins.esperanto.engine.rebuild.RebuildReport;
import io.jenkins.plugins.esperanto.engine.rebuild.RunRebuildStep;
import io.jenkins.plugins.esperanto.engine.registry.RegistryClient;
import io.jenkins.plugins.esperanto.engine.report.ConsoleTable;
import io.jenkins.plugins.esperanto.engine.report.ReportFiles;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code esperanto rebuild}: plans, then builds what changed and everything built FROM it, in
 * parallel, and reports. SIGINT/SIGTERM stop the builds in progress without tagging them.
 */
@Command(name = "rebuild", mixinStandardHelpOptions = true, description = "Rebuild images whose content key is not published, and their dependents,"
    + " in parallel; report what happened.")
final class RebuildCommand implements Callable<Integer> {
  /** Exit code of a rebuild stopped by a signal (128 + SIGINT, as shells report it). */
  static final int EXIT_INTERRUPTED = 130;

  @Spec CommandLine.Model.CommandSpec spec;
  @Mixin EngineOptions engine;
  @Mixin RegistryOptions registry;

  @Mixin ImageSelection selection;

  @Option(names = "--dry-run", description = "Print the plan and stop.")
  boolean dryRun;

  @Option(names = "--refresh", description = "Rebuild every image with --pull --no-cache; an image whose filesystem"
      + " did not change is kept and not pushed again.")
  boolean refresh;

  @Option(names = "--no-pull", description = "With --refresh: do not pull external base images (offline, or bases"
      + " that exist only on this engine).")
  boolean noPull;

  @Option(names = "--parallel", paramLabel = "N", description = "Images built at once (default: the number of cores).")
  Integer parallel;

  @Option(names = "--report-dir", paramLabel = "DIR", description = "Write the report as text, JSON, JUnit XML and HTML into DIR.")
  Path reportDir;

  @Override
  public Integer call() throws Exception {
    int threads = parallel == null ? Runtime.getRuntime().availableProcessors() : parallel;
    if (threads < 1) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--parallel must be 1 or more; got " + threads);
    }
    if (registry.createRepository) {
      throw new CommandLine.ParameterException(spec.commandLine(),
          "rebuild does not create ECR repositories; create them once with 'esperanto push --create-repository'");
    }
    Optional<SquashMode> squashMode = selection.squashMode(spec);
    Catalog catalog = engine.loadCatalog();
    // named images bring along everything that builds FROM them
    List<ImageName> names = new ArrayList<>(catalog.withDependents(selection.names(spec, catalog)));
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    String repository = engine.repository();
    try (DockerClient docker = engine.connect()) {
      Optional<RegistryClient> client = registry.clientForRepository(docker, repository, err);
      ImageBuilder builder = new ImageBuilder(docker, catalog, repository, engine.tempDir(), line -> { });
      EngineImageOperations operations = EngineImageOperations.of(docker, catalog, builder,
          BuildOptions.of(false, false, squashMode), client);
      if (noPull) {
        operations = operations.withoutPullOnRefresh();
      }
      long planStart = System.nanoTime();
      RebuildPlan plan = new PlanRebuildStep(operations, names, refresh).call();
      err.println("esperanto: plan worked out in " + (System.nanoTime() - planStart) / 1_000_000 + " ms"
          + " (JVM up " + java.lang.management.ManagementFactory.getRuntimeMXBean().getUptime() + " ms)");
      err.flush();
      plan.describe().forEach(out::println);
      out.flush();
      if (dryRun) {
        return 0;
      }
      RebuildReport report = runStoppable(new RunRebuildStep(plan, operations, threads, refresh, line -> {
        synchronized (err) {
          err.println(line);
          err.flush();
        }
      }), err);
      if (report == null) {
        return EXIT_INTERRUPTED;
      }
      ConsoleTable.render(report).forEach(out::println);
      out.flush();
      if (reportDir != null) {
        for (Path file : ReportFiles.write(report, reportDir)) {
          err.println("report: " + file);
        }
        err.flush();
      }
      return report.hasProblems() ? EsperantoCommand.EXIT_FAILURE : 0;
    }
  }

  /**
   * Runs the rebuild on this thread; a signal interrupts it, and the JVM's shutdown waits until
   * the builds in progress have stopped, so none of them is tagged after the signal.
   *
   * @return the report, or null when a signal stopped the rebuild
   */
  private static RebuildReport runStoppable(RunRebuildStep rebuild, PrintWriter err) throws EsperantoException {
    Thread worker = Thread.currentThread();
    CountDownLatch stopped = new CountDownLatch(1);
    Thread hook = new Thread(() -> {
      worker.interrupt();
      try {
        stopped.await(90, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }, "esperanto-rebuild-stop");
    Runtime.getRuntime().addShutdownHook(hook);
    try {
      return rebuild.call();
    } catch (InterruptedException e) {
      err.println("esperanto: rebuild interrupted; images in progress were stopped and not tagged");
      err.flush();
      return null;
    } finally {
      stopped.countDown();
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException e) {
        // the JVM is already shutting down: the hook is running and now returns
      }
    }
  }
}
