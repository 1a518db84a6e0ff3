package io.jenkins.plugins.esperanto.engine.catalog;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** The parsed, validated content of one {@code image.yaml}. */
public final class ImageSpec {
  private final String description;
  private final BuildSpec build;
  private final RunSpec run;
  private final Map<String, NamedCommand> commands;

  private ImageSpec(String description, BuildSpec build, RunSpec run, Map<String, NamedCommand> commands) {
    this.description = description;
    this.build = build;
    this.run = run;
    this.commands = Collections.unmodifiableMap(new LinkedHashMap<>(commands));
  }

  static ImageSpec of(Optional<String> description, BuildSpec build, RunSpec run, Map<String, NamedCommand> commands) {
    return new ImageSpec(description.orElse(null), build, run, commands);
  }

  public Optional<String> description() {
    return Optional.ofNullable(description);
  }

  public BuildSpec build() {
    return build;
  }

  public RunSpec run() {
    return run;
  }

  /** Named commands, in the order written. */
  public Map<String, NamedCommand> commands() {
    return commands;
  }
}
