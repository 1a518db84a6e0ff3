package io.jenkins.plugins.esperanto.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Tests for {@link StaleTempFolders}: what {@code gc} deletes after a {@code kill -9}. */
class StaleTempFoldersTest {
  @TempDir Path tmp;

  @Test
  void find_onlyFoldersOfProcessesThatAreGone() throws Exception {
    Process ended = new ProcessBuilder("true").start();
    ended.waitFor();
    Path dead = Files.createDirectories(tmp.resolve("esperanto-" + ended.pid() + "-42"));
    Files.writeString(dead.resolve("esperanto-context-1.tar"), "x");
    Path alive = Files.createDirectories(tmp.resolve("esperanto-" + ProcessHandle.current().pid() + "-7"));
    Path other = Files.createDirectories(tmp.resolve("esperanto-squash-123"));

    assertThat(StaleTempFolders.find(tmp)).containsExactly(dead);
    StaleTempFolders.delete(dead);
    assertThat(dead).doesNotExist();
    assertThat(alive).exists();
    assertThat(other).exists();
  }
}
