package io.jenkins.plugins.esperanto.engine.rebuild;

import io.jenkins.plugins.esperanto.engine.api.EsperantoException;
import io.jenkins.plugins.esperanto.engine.api.ImageName;
import io.jenkins.plugins.esperanto.engine.key.ContentKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletionService;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * Carries out a {@link RebuildPlan}: each image starts as soon as the images it builds FROM are
 * done, at most {@code parallel} at once. A failure stops only the images that build FROM the
 * failed one (they are skipped); the others go on. When the calling thread is interrupted the
 * images in progress are interrupted too (their builds cancelled, nothing tagged) and this waits
 * for them before it throws.
 */
public final class RunRebuildStep implements Callable<RebuildReport> {
  /** How long an interrupted rebuild waits for its builds to stop. */
  private static final Duration STOP_WAIT = Duration.ofSeconds(60);

  private final RebuildPlan plan;
  private final ImageOperations operations;
  private final int parallel;
  private final boolean refresh;
  private final Consumer<String> log;
  private final Clock clock;

  /**
   * @param parallel how many images may build at once (at least 1)
   * @param refresh build with pull and no cache; keep images whose filesystem did not change
   * @param log receives progress lines, each prefixed with the image name; called from several threads
   */
  public RunRebuildStep(RebuildPlan plan, ImageOperations operations, int parallel, boolean refresh,
      Consumer<String> log) {
    if (parallel < 1) {
      throw new IllegalArgumentException("parallel must be at least 1, got " + parallel);
    }
    this.plan = plan;
    this.operations = operations;
    this.parallel = parallel;
    this.refresh = refresh;
    this.log = log;
    this.clock = Clock.systemUTC();
  }

  /**
   * @throws InterruptedException when interrupted; the builds in progress have stopped by then
   */
  @Override
  public RebuildReport call() throws InterruptedException {
    Instant started = clock.instant();
    long start = System.nanoTime();
    Map<ImageName, ContentKey> keys = new LinkedHashMap<>();
    plan.images().forEach(i -> keys.put(i.name(), i.key()));
    Map<ImageName, RebuildEntry> done = new HashMap<>();
    List<PlannedImage> waiting = new ArrayList<>(plan.images());
    ExecutorService pool = Executors.newFixedThreadPool(parallel, threads());
    CompletionService<Finished> completion = new ExecutorCompletionService<>(pool);
    int running = 0;
    try {
      while (true) {
        running += startReady(waiting, done, keys, completion);
        if (running == 0) {
          break;
        }
        Finished finished = completion.take().get();
        running--;
        done.put(finished.name(), finished.entry());
      }
    } catch (ExecutionException e) {
      if (e.getCause() instanceof InterruptedException) {
        throw (InterruptedException) e.getCause();
      }
      throw new IllegalStateException("image tasks report failures as entries", e.getCause());
    } finally {
      pool.shutdownNow();
      if (!pool.awaitTermination(STOP_WAIT.toSeconds(), TimeUnit.SECONDS)) {
        log.accept("rebuild: some builds did not stop within " + STOP_WAIT.toSeconds() + " s");
      }
    }
    List<RebuildEntry> entries = plan.images().stream().map(i -> done.get(i.name())).toList();
    return RebuildReport.of(started, Duration.ofNanos(System.nanoTime() - start), parallel, refresh, entries);
  }

  /** Settles or starts every waiting image whose parents are done; returns how many started. */
  private int startReady(List<PlannedImage> waiting, Map<ImageName, RebuildEntry> done,
      Map<ImageName, ContentKey> keys, CompletionService<Finished> completion) {
    int started = 0;
    boolean progress = true;
    while (progress) {
      progress = false;
      for (var it = waiting.iterator(); it.hasNext(); ) {
        PlannedImage image = it.next();
        if (!image.parents().stream().allMatch(done::containsKey)) {
          continue;
        }
        it.remove();
        progress = true;
        Optional<RebuildEntry> broken = image.parents().stream().map(done::get)
            .filter(p -> p.action().isProblem()).findFirst();
        if (broken.isPresent()) {
          String why = "builds FROM " + broken.get().name() + ", which " + (broken.get().action() == RebuildAction.FAILED
              ? "failed" : "was skipped");
          log.accept(image.name() + ": skipped: " + why);
          done.put(image.name(), RebuildEntry.skipped(image, why));
        } else if (!image.rebuild() && !plan.isNeededLocally(image.name())) {
          done.put(image.name(), RebuildEntry.upToDate(image));
        } else {
          completion.submit(() -> new Finished(image.name(), work(image, keys)));
          started++;
        }
      }
    }
    return started;
  }

  /** Runs on a pool thread; every failure becomes a failed entry. */
  private RebuildEntry work(PlannedImage image, Map<ImageName, ContentKey> keys) throws InterruptedException {
    long start = System.nanoTime();
    Consumer<String> imageLog = line -> log.accept(line.startsWith(image.name().value() + ":") ? line
        : image.name() + ": " + line);
    try {
      ImageOutcome outcome = image.rebuild() ? operations.build(image.name(), keys, refresh, imageLog)
          : operations.fetch(image.name(), image.key(), imageLog);
      Duration took = Duration.ofNanos(System.nanoTime() - start);
      imageLog.accept(outcome.action().label() + " " + outcome.reference() + " in " + seconds(took));
      return RebuildEntry.of(image, outcome, took);
    } catch (EsperantoException | RuntimeException e) {
      Duration took = Duration.ofNanos(System.nanoTime() - start);
      String message = e instanceof EsperantoException ? e.getMessage() : "internal error: " + e;
      imageLog.accept("FAILED: " + message);
      return RebuildEntry.failed(image, message, took);
    }
  }

  private record Finished(ImageName name, RebuildEntry entry) {}

  private static String seconds(Duration duration) {
    return String.format("%.1f s", duration.toMillis() / 1000.0);
  }

  private static ThreadFactory threads() {
    AtomicInteger count = new AtomicInteger();
    return task -> {
      Thread thread = new Thread(task, "esperanto-rebuild-" + count.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    };
  }
}
