package io.jenkins.plugins.esperanto.agent;

import java.util.List;

/** How a launched command is shown in the build log: masked arguments never appear. */
public final class CommandLines {
  static final String MASK = "********";

  private CommandLines() {}

  /**
   * The line printed for a non-quiet launch, {@code $ docker-free exec <args>} style.
   *
   * @param masks one flag per argument (may be shorter or null); a set flag hides that argument
   */
  static String display(String containerId, List<String> command, boolean[] masks) {
    StringBuilder line = new StringBuilder("[esperanto ").append(shortId(containerId)).append("] $");
    for (int i = 0; i < command.size(); i++) {
      boolean masked = masks != null && i < masks.length && masks[i];
      String arg = masked ? MASK : command.get(i);
      line.append(' ').append(arg.isEmpty() || arg.indexOf(' ') >= 0 ? '"' + arg + '"' : arg);
    }
    return line.toString();
  }

  /** The first 12 characters of a container id, as Docker shows it. */
  public static String shortId(String containerId) {
    return containerId.length() > 12 ? containerId.substring(0, 12) : containerId;
  }
}
