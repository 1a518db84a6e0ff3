package io.jenkins.plugins.esperanto.engine.rebuild;

import java.util.Locale;

/** What a rebuild did with one image. */
public enum RebuildAction {
  /** The image's content key was already published; nothing was built. */
  UP_TO_DATE,
  /** Already published, and fetched to this engine because a dependent was built on it. */
  PULLED,
  /** Built (and squashed, tagged, pushed) for its content key. */
  BUILT,
  /** Its build failed; the message says why. */
  FAILED,
  /** Not attempted, because an image it builds FROM failed or was skipped. */
  SKIPPED;

  /** The lower-case, hyphenated word the reports use: {@code up-to-date}, {@code built}, ... */
  public String label() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /** True for {@link #FAILED} and {@link #SKIPPED}: the image is not available for its key. */
  public boolean isProblem() {
    return this == FAILED || this == SKIPPED;
  }
}
