package io.jenkins.plugins.esperanto.engine.catalog;

import java.util.List;
import java.util.Optional;

/**
 * A command the image offers by name ({@code esperanto run toolchain test}): what used to be a
 * sub-command of the image's Python extension.
 */
public final class NamedCommand {
  private final String name;
  private final String description;
  private final List<String> command;

  private NamedCommand(String name, String description, List<String> command) {
    this.name = name;
    this.description = description;
    this.command = List.copyOf(command);
  }

  static NamedCommand of(String name, Optional<String> description, List<String> command) {
    return new NamedCommand(name, description.orElse(null), command);
  }

  public String name() {
    return name;
  }

  public Optional<String> description() {
    return Optional.ofNullable(description);
  }

  /**
   * The argument vector handed to the entrypoint; a string in YAML becomes
   * {@code sh -c <string> <name>}, so extra arguments are {@code $1...}.
   */
  public List<String> command() {
    return command;
  }
}
