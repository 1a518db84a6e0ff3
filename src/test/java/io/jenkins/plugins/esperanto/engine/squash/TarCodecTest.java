package io.jenkins.plugins.esperanto.engine.squash;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.Test;

/** Tests for {@link TarReader} and {@link TarWriter}. */
class TarCodecTest {
  private static final String LONG_NAME = "d".repeat(120) + "/" + "n".repeat(200);
  private static final byte[] CAPABILITY = {1, 0, 0, 2, (byte) 0x80, 0x04, 0, 0, (byte) 0xff};

  @Test
  void write_thenRead_keepsLongNamesLargeIdsAndBinaryXattrs() throws IOException {
    TarHeader file = new TarHeader(LONG_NAME, TarHeader.REGULAR, 04755, 3_000_000, 4_000_000,
        5, 1_700_000_000L, "", "user", "g".repeat(40), 0, 0,
        Map.of("SCHILY.xattr.security.capability", CAPABILITY), -1);
    TarHeader link = new TarHeader("l", TarHeader.SYMLINK, 0777, 0, 0, 0, 0, LONG_NAME, "", "",
        0, 0, Map.of(), -1);
    TarHeader device = new TarHeader("dev/x", '3', 0600, 0, 0, 0, 0, "", "", "", 1, 3,
        Map.of(), -1);

    List<TarHeader> read = read(write(file, link, device));

    assertThat(read).hasSize(3);
    TarHeader back = read.get(0);
    assertThat(back.name).isEqualTo(LONG_NAME);
    assertThat(back.mode).isEqualTo(04755);
    assertThat(back.uid).isEqualTo(3_000_000);
    assertThat(back.gid).isEqualTo(4_000_000);
    assertThat(back.groupName).isEqualTo("g".repeat(40));
    assertThat(back.pax.get("SCHILY.xattr.security.capability")).isEqualTo(CAPABILITY);
    assertThat(read.get(1).linkName).isEqualTo(LONG_NAME);
    assertThat(read.get(2).devMajor).isEqualTo(1);
    assertThat(read.get(2).devMinor).isEqualTo(3);
  }

  @Test
  void write_isReadableByCommonsCompress() throws IOException {
    TarHeader file = new TarHeader(LONG_NAME, TarHeader.REGULAR, 0644, 3_000_000, 0, 5, 7, "",
        "", "", 0, 0, Map.of(), -1);

    try (TarArchiveInputStream in = new TarArchiveInputStream(
        new ByteArrayInputStream(write(file)))) {
      TarArchiveEntry entry = in.getNextEntry();
      assertThat(entry.getName()).isEqualTo(LONG_NAME);
      assertThat(entry.getLongUserId()).isEqualTo(3_000_000);
      assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("hello");
    }
  }

  @Test
  void read_gnuLongNamesAndBase256Ids() throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (TarArchiveOutputStream out = new TarArchiveOutputStream(bytes)) {
      out.setLongFileMode(TarArchiveOutputStream.LONGFILE_GNU);
      out.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_STAR);
      TarArchiveEntry entry = new TarArchiveEntry("./" + LONG_NAME);
      entry.setUserId(3_000_000);
      entry.setSize(5);
      out.putArchiveEntry(entry);
      out.write(TestImages.bytes("hello"));
      out.closeArchiveEntry();
    }

    TarReader reader = new TarReader(new ByteArrayInputStream(bytes.toByteArray()));
    TarHeader header = reader.next().orElseThrow();
    assertThat(OverlayTree.normalize(header.name)).isEqualTo(LONG_NAME);
    assertThat(header.uid).isEqualTo(3_000_000);
    assertThat(new String(reader.data().readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("hello");
  }

  @Test
  void write_sameInput_sameBytes() throws IOException {
    TarHeader file = new TarHeader("a", TarHeader.REGULAR, 0644, 0, 0, 5, 9, "", "", "", 0, 0,
        Map.of("SCHILY.xattr.user.b", new byte[] {2}, "SCHILY.xattr.user.a", new byte[] {1}), -1);

    assertThat(write(file)).isEqualTo(write(file));
  }

  @Test
  void read_corruptHeader_fails() throws IOException {
    byte[] tar = write(TarHeader.directory("dir", 0755));
    tar[10] ^= 0x5a;

    IOException e = assertThrows(IOException.class, () -> read(tar));

    assertThat(e.getMessage()).contains("checksum");
  }

  private static byte[] write(TarHeader... headers) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    TarWriter writer = new TarWriter(out);
    for (TarHeader h : headers) {
      if (h.size > 0) {
        writer.write(h, new ByteArrayInputStream(TestImages.bytes("hello")));
      } else {
        writer.write(h);
      }
    }
    writer.finish();
    return out.toByteArray();
  }

  private static List<TarHeader> read(byte[] tar) throws IOException {
    TarReader reader = new TarReader(new ByteArrayInputStream(tar));
    List<TarHeader> out = new ArrayList<>();
    for (Optional<TarHeader> h = reader.next(); h.isPresent(); h = reader.next()) {
      out.add(h.get());
    }
    return out;
  }
}
