package io.jenkins.plugins.esperanto.engine.key;

import static io.jenkins.plugins.esperanto.engine.key.ContextFixture.file;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.esperanto.engine.api.EsperantoException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Tests for {@link ContextArchive}: what is sent, how it is normalised, what it costs. */
class ContextArchiveTest {
  @TempDir Path tmp;

  private ContextArchive archive(Path context) throws EsperantoException {
    return ContextArchive.create(context, "Dockerfile", Optional.empty(), tmp.resolve("out"));
  }

  private String digest(Path context) throws EsperantoException {
    try (ContextArchive archive = archive(context)) {
      return archive.sha256();
    }
  }

  @Test
  void create_sendsWhatDockerSends_sortedWithDirectories() throws Exception {
    Path context = tmp.resolve("ctx");
    ContextFixture.sample(context, "rw-r--r--", "rwxr-xr-x", "rwxr-xr-x");
    try (ContextArchive archive = archive(context)) {
      Map<String, ContextFixture.Entry> entries = ContextFixture.read(archive.file());
      assertThat(entries.keySet())
          .containsExactly(
              ".dockerignore",
              "Dockerfile",
              "build/keep.txt",
              "entrypoint",
              // Sorted by path, so "src" comes before "src-gen" and "src-gen/x.c" before
              // "src/current"; a folder always precedes its contents.
              "src/",
              "src-gen/",
              "src-gen/x.c",
              "src/current",
              "src/lib/",
              "src/lib/util.c",
              "src/main.c");
      assertThat(archive.entryCount()).isEqualTo(11);
      assertThat(entries.get("build/keep.txt").content).isEqualTo("kept\n");
      assertThat(entries.get("src/current").header.isSymbolicLink()).isTrue();
      assertThat(entries.get("src/current").header.getLinkName()).isEqualTo("main.c");
      assertThat(entries.get("src/lib/").header.isDirectory()).isTrue();
    }
  }

  @Test
  void create_normalisesHeaders() throws Exception {
    Path context = tmp.resolve("ctx");
    ContextFixture.sample(context, "rw-rw-r--", "rwxrwxr-x", "rwxrwxr-x");
    try (ContextArchive archive = archive(context)) {
      Map<String, ContextFixture.Entry> entries = ContextFixture.read(archive.file());
      for (ContextFixture.Entry entry : entries.values()) {
        assertThat(entry.header.getLongUserId()).as(entry.header.getName()).isZero();
        assertThat(entry.header.getLongGroupId()).isZero();
        assertThat(entry.header.getUserName()).isEmpty();
        assertThat(entry.header.getGroupName()).isEmpty();
        assertThat(entry.header.getModTime().getTime()).isZero();
        assertThat(entry.header.getLastAccessTime()).isNull();
        assertThat(entry.header.getStatusChangeTime()).isNull();
      }
      assertThat(entries.get("Dockerfile").header.getMode()).isEqualTo(0644);
      assertThat(entries.get("entrypoint").header.getMode()).isEqualTo(0755);
      assertThat(entries.get("src/").header.getMode()).isEqualTo(0755);
      assertThat(entries.get("src/current").header.getMode()).isEqualTo(0777);
      for (byte[] header : ContextFixture.rawHeaders(archive.file())) {
        assertThat(ContextFixture.field(header, 265, 32)).as("uname").isEmpty();
        assertThat(ContextFixture.field(header, 297, 32)).as("gname").isEmpty();
        assertThat(ContextFixture.field(header, 136, 12).trim()).as("mtime").matches("0*");
      }
    }
  }

  @Test
  void create_sameDigestAcrossCheckoutsWithOtherTimesAndUmask() throws Exception {
    Path umask022 = tmp.resolve("checkout-a");
    Path umask002 = tmp.resolve("checkout-b");
    ContextFixture.sample(umask022, "rw-r--r--", "rwxr-xr-x", "rwxr-xr-x");
    ContextFixture.sample(umask002, "rw-rw-r--", "rwxrwxr-x", "rwxrwxr-x");
    ContextFixture.setAllTimes(umask022, 1_000_000_000_000L);
    ContextFixture.setAllTimes(umask002, 1_700_000_000_000L);
    assertThat(digest(umask022)).isEqualTo(digest(umask002));
  }

  @Test
  void create_digestUnchangedByTouchAndByIgnoredFiles() throws Exception {
    Path context = tmp.resolve("ctx");
    ContextFixture.sample(context, "rw-r--r--", "rwxr-xr-x", "rwxr-xr-x");
    String before = digest(context);
    ContextFixture.setAllTimes(context, System.currentTimeMillis() + 60_000);
    assertThat(digest(context)).as("after touch").isEqualTo(before);
    Files.writeString(context.resolve("debug.log"), "changed and ignored\n");
    Files.writeString(context.resolve("build/out.o"), "rebuilt, ignored\n");
    file(context, "secret/new-token", "ignored\n", "rw-------");
    file(context, "sub/deep/trace.log", "ignored\n", "rw-r--r--");
    Files.delete(context.resolve("sub/deep/trace.log"));
    Files.delete(context.resolve("sub/deep"));
    Files.delete(context.resolve("sub"));
    assertThat(digest(context)).as("after ignored edits").isEqualTo(before);
  }

  @Test
  void create_digestChangedByContentModeNameAndLink() throws Exception {
    Path context = tmp.resolve("ctx");
    ContextFixture.sample(context, "rw-r--r--", "rwxr-xr-x", "rwxr-xr-x");
    List<String> digests = new ArrayList<>();
    digests.add(digest(context));
    Files.writeString(context.resolve("src/main.c"), "int main(void) { return 1; }\n");
    digests.add(digest(context));
    Files.setPosixFilePermissions(
        context.resolve("src/main.c"), PosixFilePermissions.fromString("rwxr--r--"));
    digests.add(digest(context));
    Files.writeString(context.resolve("build/keep.txt"), "kept, edited\n");
    digests.add(digest(context));
    Files.move(context.resolve("src-gen/x.c"), context.resolve("src-gen/y.c"));
    digests.add(digest(context));
    Files.delete(context.resolve("src/current"));
    Files.createSymbolicLink(context.resolve("src/current"), Path.of("lib/util.c"));
    digests.add(digest(context));
    Files.createDirectory(context.resolve("empty"));
    digests.add(digest(context));
    Files.writeString(context.resolve(".dockerignore"), "*.log\nbuild\n!build/keep.txt\n");
    digests.add(digest(context));
    assertThat(digests).doesNotHaveDuplicates();
  }

  @Test
  void create_groupAndOtherBitsDoNotCount_ownerExecBitDoes() throws Exception {
    Path context = tmp.resolve("ctx");
    ContextFixture.sample(context, "rw-r--r--", "rwxr-xr-x", "rwxr-xr-x");
    String base = digest(context);
    Path script = context.resolve("src/main.c");
    Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rw-rwxrwx"));
    assertThat(digest(context)).isEqualTo(base);
    Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("r--------"));
    assertThat(digest(context)).isEqualTo(base);
    Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
    assertThat(digest(context)).isNotEqualTo(base);
  }

  @Test
  void create_digestIsSha256OfTheFileAndOpenStreamsIt() throws Exception {
    Path context = tmp.resolve("ctx");
    ContextFixture.sample(context, "rw-r--r--", "rwxr-xr-x", "rwxr-xr-x");
    byte[] big = new byte[3 * 1024 * 1024 + 17];
    new java.util.Random(7).nextBytes(big);
    Files.write(context.resolve("src/blob.bin"), big);
    try (ContextArchive archive = archive(context)) {
      byte[] bytes = Files.readAllBytes(archive.file());
      assertThat(archive.size()).isEqualTo(bytes.length);
      assertThat(archive.sha256())
          .isEqualTo(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes)));
      try (InputStream in = archive.open()) {
        assertThat(in.readAllBytes()).isEqualTo(bytes);
      }
      assertThat(ContextFixture.read(archive.file()).get("src/blob.bin").header.getSize())
          .isEqualTo(big.length);
    }
  }

  @Test
  void create_dockerfileReplacementIsSentInsteadOfTheFile() throws Exception {
    Path context = tmp.resolve("ctx");
    ContextFixture.sample(context, "rw-r--r--", "rwxr-xr-x", "rwxr-xr-x");
    String pinned = "FROM esperanto/base:0123456789abcdef0123456789abcdef\nCOPY . /ctx\n";
    String original = digest(context);
    try (ContextArchive archive =
        ContextArchive.create(
            context, "./Dockerfile", Optional.of(pinned.getBytes(StandardCharsets.UTF_8)), tmp)) {
      Map<String, ContextFixture.Entry> entries = ContextFixture.read(archive.file());
      assertThat(entries.get("Dockerfile").content).isEqualTo(pinned);
      assertThat(entries.get("Dockerfile").header.getSize()).isEqualTo(pinned.length());
      assertThat(archive.sha256()).isNotEqualTo(original);
    }
    assertThat(Files.readString(context.resolve("Dockerfile"))).doesNotContain("0123456789");
  }

  @Test
  void create_ignoredDockerfileAndDockerignoreAreStillSent() throws Exception {
    Path context = tmp.resolve("ctx");
    file(context, "build/Dockerfile", "FROM scratch\n", "rw-r--r--");
    file(context, "build/other", "x\n", "rw-r--r--");
    file(context, ".dockerignore", "*\n", "rw-r--r--");
    file(context, "app", "x\n", "rw-r--r--");
    try (ContextArchive archive =
        ContextArchive.create(context, "build/Dockerfile", Optional.empty(), tmp)) {
      assertThat(ContextFixture.read(archive.file()).keySet())
          .containsExactly(".dockerignore", "build/Dockerfile");
    }
  }

  @Test
  void create_longAndNonAsciiNamesUsePaxAndRoundTrip() throws Exception {
    Path context = tmp.resolve("ctx");
    file(context, "Dockerfile", "FROM scratch\n", "rw-r--r--");
    String longName = "d".repeat(60) + "/" + "f".repeat(120) + ".txt";
    file(context, longName, "long\n", "rw-r--r--");
    file(context, "häßlich-☺.txt", "utf8\n", "rw-r--r--");
    Files.createSymbolicLink(context.resolve("link"), Path.of("t".repeat(150)));
    try (ContextArchive archive = archive(context)) {
      Map<String, ContextFixture.Entry> entries = ContextFixture.read(archive.file());
      assertThat(entries).containsKeys(longName, "häßlich-☺.txt", "d".repeat(60) + "/");
      assertThat(entries.get(longName).content).isEqualTo("long\n");
      assertThat(entries.get("link").header.getLinkName()).isEqualTo("t".repeat(150));
      // PAX records only for what does not fit ustar: no times, no owner names.
      assertThat(ContextFixture.paxKeys(archive.file()))
          .isNotEmpty()
          .allMatch(key -> key.equals("path") || key.equals("linkpath"));
      Process tar =
          new ProcessBuilder("tar", "-tf", archive.file().toString())
              .redirectErrorStream(true)
              .start();
      String listing = new String(tar.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(tar.waitFor(30, TimeUnit.SECONDS)).isTrue();
      assertThat(tar.exitValue()).as(listing).isZero();
      assertThat(listing.lines()).contains(longName, "häßlich-☺.txt", "link");
    }
  }

  @Test
  void create_fifoIsRejectedNamingIt() throws Exception {
    Path context = tmp.resolve("ctx");
    file(context, "Dockerfile", "FROM scratch\n", "rw-r--r--");
    Path fifo = context.resolve("sub/pipe");
    Files.createDirectories(fifo.getParent());
    Process mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).start();
    assertThat(mkfifo.waitFor()).isZero();
    assertThatThrownBy(() -> archive(context))
        .isInstanceOf(BuildContextException.class)
        .hasMessageContaining(fifo.toString())
        .hasMessageContaining("socket, FIFO or device")
        .hasMessageNotContaining("\n");
    assertThat(listTemp()).isEmpty();
    Files.writeString(context.resolve(".dockerignore"), "sub/pipe\n");
    assertThat(digest(context)).hasSize(64);
  }

  @Test
  void create_missingContextOrDockerfile_namesThePath() throws Exception {
    Path missing = tmp.resolve("no-such-folder");
    assertThatThrownBy(() -> archive(missing))
        .isInstanceOf(BuildContextException.class)
        .hasMessageContaining(missing.toString())
        .hasMessageContaining("does not exist");
    Path context = tmp.resolve("ctx");
    file(context, "README", "no Dockerfile here\n", "rw-r--r--");
    assertThatThrownBy(() -> archive(context))
        .isInstanceOf(BuildContextException.class)
        .hasMessageContaining(context.resolve("Dockerfile").toString())
        .hasMessageNotContaining("\n");
    assertThatThrownBy(() -> ContextArchive.create(context, "../Dockerfile", Optional.empty(), tmp))
        .isInstanceOf(BuildContextException.class)
        .hasMessageContaining("'../Dockerfile' is not a file inside it");
  }

  @Test
  void create_fileThatVanishesWhileArchiving_namesIt_andLeavesNoTempFile() throws Exception {
    Path context = tmp.resolve("ctx");
    ContextFixture.sample(context, "rw-r--r--", "rwxr-xr-x", "rwxr-xr-x");
    List<ContextEntry> entries =
        new ListContextStep(context, DockerIgnore.read(context).keepingBuildFiles("Dockerfile"))
            .call();
    Path gone = context.resolve("src/main.c");
    Files.delete(gone);
    Path target = tmp.resolve("partial.tar");
    assertThatThrownBy(
            () -> new WriteContextTarStep(entries, "Dockerfile", Optional.empty(), target).call())
        .isInstanceOf(BuildContextException.class)
        .hasMessageContaining(gone.toString())
        .hasMessageNotContaining("\n");
    Files.writeString(gone, "grown a lot bigger than it was listed\n");
    assertThatThrownBy(
            () -> new WriteContextTarStep(entries, "Dockerfile", Optional.empty(), target).call())
        .isInstanceOf(BuildContextException.class)
        .hasMessageContaining(gone.toString())
        .hasMessageContaining("changed size");
  }

  @Test
  void close_deletesTheFile() throws Exception {
    Path context = tmp.resolve("ctx");
    ContextFixture.sample(context, "rw-r--r--", "rwxr-xr-x", "rwxr-xr-x");
    ContextArchive archive = archive(context);
    assertThat(archive.file()).exists();
    archive.close();
    assertThat(archive.file()).doesNotExist();
    assertThat(listTemp()).isEmpty();
  }

  private List<Path> listTemp() throws IOException {
    Path out = tmp.resolve("out");
    if (!Files.exists(out)) {
      return List.of();
    }
    try (var files = Files.list(out)) {
      return files.toList();
    }
  }
}
