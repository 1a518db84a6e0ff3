package io.jenkins.plugins.esperanto.agent;

import java.io.Serializable;

/** What {@code esperantoRebuild} tells the controller: counts and whether anything went wrong. */
public final class RebuildSummary implements Serializable {
  private static final long serialVersionUID = 1L;

  private final int planned;
  private final int failed;
  private final int skipped;
  private final String text;

  private RebuildSummary(int planned, int failed, int skipped, String text) {
    this.planned = planned;
    this.failed = failed;
    this.skipped = skipped;
    this.text = text;
  }

  /** A summary; {@code text} is the report's one-line summary. */
  public static RebuildSummary of(int planned, int failed, int skipped, String text) {
    return new RebuildSummary(planned, failed, skipped, text);
  }

  /** Images the plan builds. */
  public int planned() {
    return planned;
  }

  public int failed() {
    return failed;
  }

  public int skipped() {
    return skipped;
  }

  /** True when some image failed or was skipped. */
  public boolean hasProblems() {
    return failed > 0 || skipped > 0;
  }

  @Override
  public String toString() {
    return text;
  }
}
