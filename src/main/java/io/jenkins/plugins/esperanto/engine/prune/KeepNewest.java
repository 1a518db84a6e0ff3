package io.jenkins.plugins.esperanto.engine.prune;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Predicate;

/** The one pruning rule, wherever the tags live: the newest N stay, older ones go unless in use. */
public final class KeepNewest {
  private KeepNewest() {}

  /**
   * Decides for one image's tags.
   *
   * @param tags the image's content-key tags, in any order, with any decision
   * @param keep how many of the newest to keep (at least 1)
   * @param inUse true for an older tag that must stay all the same ({@link PrunedTag.Decision#IN_USE})
   * @return the tags newest first (ties by reference), each with its decision
   */
  public static List<PrunedTag> decide(List<PrunedTag> tags, int keep, Predicate<PrunedTag> inUse) {
    if (keep < 1) {
      throw new IllegalArgumentException("keep must be at least 1, got " + keep);
    }
    List<PrunedTag> sorted = new ArrayList<>(tags);
    sorted.sort(Comparator.comparing(PrunedTag::created).reversed().thenComparing(PrunedTag::reference));
    List<PrunedTag> decided = new ArrayList<>();
    for (int i = 0; i < sorted.size(); i++) {
      PrunedTag tag = sorted.get(i);
      PrunedTag.Decision decision = i < keep ? PrunedTag.Decision.KEEP
          : inUse.test(tag) ? PrunedTag.Decision.IN_USE : PrunedTag.Decision.REMOVE;
      decided.add(PrunedTag.of(tag.image(), tag.reference(), tag.imageId(), tag.created(), decision));
    }
    return decided;
  }
}
