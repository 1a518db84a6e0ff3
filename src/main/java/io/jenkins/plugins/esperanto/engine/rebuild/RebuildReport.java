package io.jenkins.plugins.esperanto.engine.rebuild;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/** The outcome of a whole rebuild: one entry per image of the plan, in plan order. */
public final class RebuildReport {
  private final Instant started;
  private final Duration duration;
  private final int parallel;
  private final boolean refresh;
  private final List<RebuildEntry> entries;

  private RebuildReport(Instant started, Duration duration, int parallel, boolean refresh, List<RebuildEntry> entries) {
    this.started = Objects.requireNonNull(started);
    this.duration = Objects.requireNonNull(duration);
    this.parallel = parallel;
    this.refresh = refresh;
    this.entries = List.copyOf(entries);
  }

  /** A report of {@code entries}, in plan order. */
  public static RebuildReport of(Instant started, Duration duration, int parallel, boolean refresh,
      List<RebuildEntry> entries) {
    return new RebuildReport(started, duration, parallel, refresh, entries);
  }

  /** When the rebuild started. */
  public Instant started() {
    return started;
  }

  /** Wall time of the whole rebuild. */
  public Duration duration() {
    return duration;
  }

  /** How many images were built at once at most. */
  public int parallel() {
    return parallel;
  }

  /** True for a {@code --refresh} rebuild. */
  public boolean refresh() {
    return refresh;
  }

  public List<RebuildEntry> entries() {
    return entries;
  }

  /** How many images ended with {@code action}. */
  public long count(RebuildAction action) {
    return entries.stream().filter(e -> e.action() == action).count();
  }

  /** True when some image failed or was skipped. */
  public boolean hasProblems() {
    return entries.stream().anyMatch(e -> e.action().isProblem());
  }

  /** One line: counts per action and the wall time. */
  public String summary() {
    StringBuilder text = new StringBuilder();
    for (RebuildAction action : RebuildAction.values()) {
      if (text.length() > 0) {
        text.append(", ");
      }
      text.append(count(action)).append(' ').append(action.label());
    }
    return entries.size() + " image(s): " + text + " in " + String.format("%.1f s", duration.toMillis() / 1000.0);
  }
}
