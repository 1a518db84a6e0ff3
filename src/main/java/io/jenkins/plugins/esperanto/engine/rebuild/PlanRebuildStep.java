package io.jenkins.plugins.esperanto.engine.rebuild;

import io.jenkins.plugins.esperanto.engine.api.EsperantoException;
import io.jenkins.plugins.esperanto.engine.api.ImageName;
import io.jenkins.plugins.esperanto.engine.key.ContentKey;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;

/**
 * Decides what a rebuild does, touching nothing: the keys of the requested images and their
 * catalog parents, then, parents first, each image is rebuilt when its key is not published yet,
 * when it builds FROM a rebuilt image, or always with {@code refresh}.
 */
public final class PlanRebuildStep implements Callable<RebuildPlan> {
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
   */
  @Override
  public RebuildPlan call() throws EsperantoException {
    Map<ImageName, ContentKey> keys = operations.keys(names);
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
      } else if (!operations.isPublished(name, entry.getValue())) {
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
}
