package io.jenkins.plugins.esperanto.config;

import hudson.util.ListBoxModel;
import io.jenkins.plugins.esperanto.engine.api.SquashMode;

/** The squash dropdown of the forms: blank (each image's image.yaml decides), then every mode. */
public final class SquashChoices {
  private SquashChoices() {}

  /** The choices, values as {@link Settings#checkSquash} accepts them. */
  public static ListBoxModel all() {
    ListBoxModel modes = new ListBoxModel();
    modes.add("as image.yaml says", "");
    for (SquashMode mode : SquashMode.values()) {
      modes.add(mode.yamlName());
    }
    return modes;
  }
}
