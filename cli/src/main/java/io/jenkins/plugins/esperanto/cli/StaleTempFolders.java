package io.jenkins.plugins.esperanto.cli;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The private temporary folders ({@link ProcessCleanup}) of esperanto processes that ended without
 * their shutdown hook ({@code kill -9}, a crash, a power cut): what {@code esperanto gc} deletes
 * besides containers. A folder is stale only when it is this user's and no process has its pid.
 */
final class StaleTempFolders {
  private static final Pattern NAME = Pattern.compile("esperanto-(\\d+)-\\d+");

  private StaleTempFolders() {}

  /** The stale folders directly under {@code tempDir}. */
  static List<Path> find(Path tempDir) throws IOException {
    List<Path> stale = new ArrayList<>();
    String me = System.getProperty("user.name");
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(tempDir, "esperanto-*")) {
      for (Path entry : entries) {
        Matcher name = NAME.matcher(entry.getFileName().toString());
        if (name.matches() && Files.isDirectory(entry, LinkOption.NOFOLLOW_LINKS)
            && Files.getOwner(entry, LinkOption.NOFOLLOW_LINKS).getName().equals(me)
            && ownerGone(name.group(1))) {
          stale.add(entry);
        }
      }
    }
    return stale;
  }

  private static boolean ownerGone(String pid) {
    try {
      return ProcessHandle.of(Long.parseLong(pid)).map(p -> !p.isAlive()).orElse(true);
    } catch (NumberFormatException e) {
      return false;
    }
  }

  /** Deletes {@code folder} with everything in it; a file that cannot be deleted stays. */
  static void delete(Path folder) {
    ProcessCleanup.deleteTree(folder);
  }
}
