package io.jenkins.plugins.esperanto.engine.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.esperanto.engine.run.ImageAccountsCache.ImageAccounts;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Tests for {@link ImageAccountsCache}'s disk copy: a file someone else could have written is
 * never believed, and a failed write leaves nothing behind.
 */
class ImageAccountsCacheTest {
  private static final ImageAccounts REAL = new ImageAccounts("root:x:0:0::/root:/bin/sh\n",
      "root:x:0:\n");

  @TempDir Path home;
  private String savedHome;
  private Path dir;

  @BeforeEach
  void cacheUnderTempHome() {
    // The cache goes under user.home only when neither variable names another place.
    assertThat(System.getenv("ESPERANTO_CACHE_DIR")).isNull();
    assertThat(System.getenv("XDG_CACHE_HOME")).isNull();
    savedHome = System.setProperty("user.home", home.toString());
    dir = home.resolve(".cache/esperanto/accounts");
  }

  @AfterEach
  void restoreHome() {
    System.setProperty("user.home", savedHome);
  }

  @Test
  void directory_relativeVariables_areIgnored() {
    // Relative values would put the cache under the current folder, often a checkout others write.
    assertThat(ImageAccountsCache.directory(Map.of("ESPERANTO_CACHE_DIR", "cache", "XDG_CACHE_HOME", "xdg")))
        .contains(dir);
    assertThat(ImageAccountsCache.directory(Map.of("ESPERANTO_CACHE_DIR", "./cache", "XDG_CACHE_HOME", "/xdg")))
        .contains(Path.of("/xdg/esperanto/accounts"));
    assertThat(ImageAccountsCache.directory(Map.of("ESPERANTO_CACHE_DIR", "/cache", "XDG_CACHE_HOME", "/xdg")))
        .contains(Path.of("/cache/accounts"));
  }

  @Test
  void directory_noAbsoluteHome_noDiskCache() {
    System.setProperty("user.home", "?");

    assertThat(ImageAccountsCache.directory(Map.of("XDG_CACHE_HOME", "relative"))).isEmpty();
  }

  @Test
  void get_ownFileNotWritableByOthers_isRead() throws Exception {
    String id = plant();

    assertThat(ImageAccountsCache.get(id)).contains(REAL);
  }

  @Test
  void get_fileOfAnotherUser_isIgnored() throws Exception {
    String id = plant();
    run("chown", "12345:12345", dir.resolve(hex(id)).toString());

    assertThat(ImageAccountsCache.get(id)).isEmpty();
  }

  @Test
  void get_groupOrWorldWritableFile_isIgnored() throws Exception {
    String group = plant();
    Files.setPosixFilePermissions(dir.resolve(hex(group)), PosixFilePermissions.fromString("rw-rw-r--"));
    String world = plant();
    Files.setPosixFilePermissions(dir.resolve(hex(world)), PosixFilePermissions.fromString("rw-r--rw-"));

    assertThat(ImageAccountsCache.get(group)).isEmpty();
    assertThat(ImageAccountsCache.get(world)).isEmpty();
  }

  @Test
  void get_symlinkToAFileOfAnotherUser_isIgnored() throws Exception {
    String source = plant();
    Path foreign = Files.copy(dir.resolve(hex(source)), home.resolve("foreign"));
    run("chown", "12345:12345", foreign.toString());
    String id = newId();
    Files.createSymbolicLink(dir.resolve(hex(id)), foreign);

    assertThat(ImageAccountsCache.get(id)).isEmpty();
  }

  @Test
  void put_failedWrite_leavesNoTemporaryFile() throws Exception {
    String id = newId();
    Files.createDirectories(dir.resolve(hex(id)).resolve("in-the-way")); // the move fails

    ImageAccountsCache.put(id, REAL);

    try (Stream<Path> files = Files.list(dir)) {
      assertThat(files.map(p -> p.getFileName().toString())).containsExactly(hex(id));
    }
  }

  /**
   * A cache file for a new image ID, written by a put of another ID (so that only the disk,
   * not the in-memory copy, knows the new one).
   */
  private String plant() throws Exception {
    String writer = newId();
    ImageAccountsCache.put(writer, REAL);
    String id = newId();
    Files.copy(dir.resolve(hex(writer)), dir.resolve(hex(id)));
    return id;
  }

  private static String newId() {
    String hex = (UUID.randomUUID().toString() + UUID.randomUUID()).replace("-", "");
    return "sha256:" + hex;
  }

  private static String hex(String id) {
    return id.substring("sha256:".length());
  }

  private static void run(String... command) throws Exception {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes());
    assertThat(p.waitFor()).as(String.join(" ", command) + ": " + out).isZero();
  }
}
