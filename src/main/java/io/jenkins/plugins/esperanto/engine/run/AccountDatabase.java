package io.jenkins.plugins.esperanto.engine.run;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Merges a caller's user and group into an image's {@code /etc/passwd} and {@code /etc/group}.
 *
 * <p>The rules (also in {@code docs/running.md}):
 * <ul>
 *   <li>The image's lines are kept byte for byte, in order; new entries are appended.
 *   <li>The uid already has an entry: that entry (and its name) is kept, so {@code whoami}
 *       prints the name the image's own scripts expect. Its home is used when it is a real
 *       path; an unusable one ({@code /}, {@code /nonexistent}, empty, relative) is replaced
 *       by the caller's home in that one line.
 *   <li>The uid is new: an entry is appended with the caller's name, or, when another uid has
 *       that name, {@code <name>-<uid>} (then {@code -2}, {@code -3}... until free), with
 *       the default home following the new name.
 *   <li>The gid already has a group: its name is reused. Otherwise a group is appended with
 *       the caller's group name, renamed the same way when that name is taken.
 * </ul>
 */
final class AccountDatabase {
  private static final Set<String> UNUSABLE_HOMES = Set.of("", "/", "/nonexistent", "/dev/null");

  private AccountDatabase() {}

  /** The result: file contents plus the names and home the user ends up with. */
  record Merged(String passwd, String group, String userName, String groupName, String home,
      boolean homeFromImage) {}

  /**
   * Merges {@code user} into the image's files ({@code null} or empty when the image has none).
   */
  static Merged merge(String imagePasswd, String imageGroup, UserIdentity user) {
    List<String> passwd = lines(imagePasswd);
    List<String> group = lines(imageGroup);

    String groupName = findName(group, 2, user.gid()).orElse(null);
    if (groupName == null) {
      groupName = freeName(group, user.groupName(), user.gid());
      group.add(groupName + ":x:" + user.gid() + ":");
    }

    String userName;
    String home;
    boolean homeFromImage = false;
    int index = findIndex(passwd, 2, user.uid());
    if (index >= 0) {
      String[] fields = passwd.get(index).split(":", -1);
      userName = fields[0];
      String imageHome = fields.length > 5 ? fields[5] : "";
      if (UNUSABLE_HOMES.contains(imageHome) || !imageHome.startsWith("/")) {
        home = user.home();
        if (fields.length > 5) {
          fields[5] = home;
          passwd.set(index, String.join(":", fields));
        }
      } else {
        home = imageHome;
        homeFromImage = true;
      }
    } else {
      userName = freeName(passwd, user.name(), user.uid());
      // A renamed user must not share the default home of the user who has that name.
      boolean defaultHome = user.home().equals("/home/" + user.name());
      home = defaultHome ? "/home/" + userName : user.home();
      passwd.add(userName + ":x:" + user.uid() + ":" + user.gid() + ":" + userName + ":" + home + ":/bin/sh");
    }
    return new Merged(text(passwd), text(group), userName, groupName, home, homeFromImage);
  }

  /** The name of the entry with id {@code id} in field {@code idField} of a local file. */
  static Optional<String> nameOfId(Path file, int idField, int id) {
    try {
      return findName(lines(Files.readString(file, StandardCharsets.UTF_8)), idField, id);
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  private static Optional<String> findName(List<String> lines, int idField, int id) {
    int index = findIndex(lines, idField, id);
    return index < 0 ? Optional.empty() : Optional.of(lines.get(index).split(":", -1)[0]);
  }

  private static int findIndex(List<String> lines, int idField, int id) {
    String wanted = Integer.toString(id);
    for (int i = 0; i < lines.size(); i++) {
      String[] fields = lines.get(i).split(":", -1);
      if (fields.length > idField && !fields[0].isEmpty() && fields[idField].equals(wanted)) {
        return i;
      }
    }
    return -1;
  }

  private static String freeName(List<String> lines, String wanted, int id) {
    Set<String> taken = new HashSet<>();
    for (String line : lines) {
      taken.add(line.split(":", -1)[0]);
    }
    if (!taken.contains(wanted)) {
      return wanted;
    }
    String candidate = wanted + "-" + id;
    for (int n = 2; taken.contains(candidate); n++) {
      candidate = wanted + "-" + id + "-" + n;
    }
    return candidate;
  }

  private static List<String> lines(String content) {
    List<String> lines = new ArrayList<>();
    if (content != null && !content.isEmpty()) {
      for (String line : content.split("\n", -1)) {
        lines.add(line);
      }
      if (lines.get(lines.size() - 1).isEmpty()) {
        lines.remove(lines.size() - 1);
      }
    }
    return lines;
  }

  private static String text(List<String> lines) {
    return lines.isEmpty() ? "" : String.join("\n", lines) + "\n";
  }
}
