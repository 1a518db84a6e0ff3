package io.jenkins.plugins.esperanto.engine.rebuild;

import io.jenkins.plugins.esperanto.engine.api.EsperantoException;
import io.jenkins.plugins.esperanto.engine.api.ImageName;
import io.jenkins.plugins.esperanto.engine.key.ContentKey;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Decides what a rebuild does, touching nothing: the keys of the requested images and their
 * catalog parents, then, parents first, each image is rebuilt when its key is not published yet,
 * when it builds FROM a rebuilt image, or always with {@code refresh}.
 */
public final class PlanRebuildStep implements Callable<RebuildPlan> {
  /** Registry look-ups in flight at once. */
  private static final int LOOKUPS = 8;

  private final ImageOperations operations;
  private final List<ImageName> names;
  private final boolean refresh;

  /**
   * @param names the requested images (their catalog parents are added)
   * @param refresh rebuild every image, even those whose key is published
   */
  public PlanRebuildStep(ImageOperations operations, Collection<ImageName> names, boolean refresh) {
    this.operations = operations;
    this.names = List.copyOf(names);
    this.refresh = refresh;
  }

  /**
   * @throws EsperantoException when the catalog is invalid or the registry cannot be asked
   * @throws InterruptedException when interrupted while waiting for the look-ups
   */
  @Override
  public RebuildPlan call() throws EsperantoException, InterruptedException {
    Map<ImageName, ContentKey> keys = operations.keys(names);
    Map<ImageName, Boolean> published = refresh ? Map.of() : published(keys);
    Set<ImageName> rebuilt = new HashSet<>();
    List<PlannedImage> planned = new ArrayList<>();
    for (Map.Entry<ImageName, ContentKey> entry : keys.entrySet()) {
      ImageName name = entry.getKey();
      List<ImageName> parents = operations.parentsOf(name);
      PlannedImage.Reason reason;
      if (refresh) {
        reason = PlannedImage.Reason.REFRESH;
      } else if (parents.stream().anyMatch(rebuilt::contains)) {
        reason = PlannedImage.Reason.PARENT_REBUILT;
      } else if (!published.get(name)) {
        reason = PlannedImage.Reason.NEW_KEY;
      } else {
        reason = PlannedImage.Reason.UP_TO_DATE;
      }
      if (reason != PlannedImage.Reason.UP_TO_DATE) {
        rebuilt.add(name);
      }
      planned.add(PlannedImage.of(name, entry.getValue(), parents, reason));
    }
    return RebuildPlan.of(planned);
  }

  /** Asks whether each key is published, several at once: each answer is a registry round trip. */
  private Map<ImageName, Boolean> published(Map<ImageName, ContentKey> keys)
      throws EsperantoException, InterruptedException {
    ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(LOOKUPS, keys.size())), task -> {
      Thread thread = new Thread(task, "esperanto-plan-lookup");
      thread.setDaemon(true);
      return thread;
    });
    try {
      Map<ImageName, Future<Boolean>> answers = new LinkedHashMap<>();
      keys.forEach((name, key) -> answers.put(name, pool.submit(() -> operations.isPublished(name, key))));
      Map<ImageName, Boolean> published = new HashMap<>();
      for (Map.Entry<ImageName, Future<Boolean>> answer : answers.entrySet()) {
        try {
          published.put(answer.getKey(), answer.getValue().get());
        } catch (ExecutionException e) {
          if (e.getCause() instanceof EsperantoException cause) {
            throw cause;
          }
          throw new IllegalStateException("looking up " + answer.getKey() + " failed", e.getCause());
        }
      }
      return published;
    } finally {
      pool.shutdownNow();
    }
  }
}
