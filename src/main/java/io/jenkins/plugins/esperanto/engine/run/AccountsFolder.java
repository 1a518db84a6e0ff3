package io.jenkins.plugins.esperanto.engine.run;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * The host folder that holds merged {@code passwd} and {@code group} files for containers with
 * a read-only root, which are bind-mounted instead of copied in.
 */
final class AccountsFolder {
  static final String PREFIX = "esperanto-accounts-";

  private AccountsFolder() {}

  /** Writes the merged files to a new folder readable by the container's user. */
  static Path write(AccountDatabase.Merged merged) throws IOException {
    Path dir = Files.createTempDirectory(PREFIX);
    Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
    for (String name : new String[] {"passwd", "group"}) {
      Path file = dir.resolve(name);
      Files.writeString(file, name.equals("passwd") ? merged.passwd() : merged.group(), StandardCharsets.UTF_8);
      Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
    }
    return dir;
  }

  /**
   * Deletes a folder written by {@link #write}; anything else (a label pointing elsewhere) is
   * left alone, since the path may come from a container label.
   */
  static void delete(Path dir) {
    if (dir == null || !dir.getFileName().toString().startsWith(PREFIX)) {
      return;
    }
    try {
      Files.deleteIfExists(dir.resolve("passwd"));
      Files.deleteIfExists(dir.resolve("group"));
      Files.deleteIfExists(dir);
    } catch (IOException e) {
      // Best effort: a leftover folder of two small files is harmless.
    }
  }
}
