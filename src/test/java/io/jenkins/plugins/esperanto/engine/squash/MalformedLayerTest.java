package io.jenkins.plugins.esperanto.engine.squash;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Tests for {@link MergeLayersStep} on layers no honest writer makes: every one is refused
 * with an {@link IOException} that names the layer, never a runtime exception.
 */
class MalformedLayerTest {
  @TempDir Path dir;

  @ParameterizedTest
  @ValueSource(strings = {"uid=abc", "gid=-1", "size=-5", "uid=99999999999999999999",
      "size=1e3"})
  void call_badPaxNumber_namesTheLayer(String record) throws IOException {
    String[] kv = record.split("=", 2);
    assertRefused(new RawTar().paxFile(record(kv[0], kv[1]), "f").bytes(), "PAX record " + kv[0]);
  }

  @Test
  void call_paxRecordLengthOverflows_namesTheLayer() throws IOException {
    assertRefused(new RawTar().paxFile(record("a", "b") + "2147483647 x=y\n", "f").bytes(),
        "record length");
  }

  @ParameterizedTest
  @ValueSource(ints = {108, 116, 124})
  void call_negativeBase256Field_namesTheLayer(int offset) throws IOException {
    byte[] header = RawTar.header("f", '0', 0);
    int length = offset == 124 ? 12 : 8;
    for (int i = 0; i < length; i++) {
      header[offset + i] = (byte) 0xff; // -1 in base-256
    }
    assertRefused(new RawTar().block(header).bytes(), "base-256");
  }

  @Test
  void call_base256Overflow_namesTheLayer() throws IOException {
    byte[] header = RawTar.header("f", '0', 0);
    header[124] = (byte) 0x80;
    header[125] = 0x7f; // 2^87 and more: no long holds it
    assertRefused(new RawTar().block(header).bytes(), "too large");
  }

  @ParameterizedTest
  @ValueSource(strings = {"../etc/passwd", "x/../../etc/passwd", "..", "a/../../b/.wh.c"})
  void call_nameEscapingTheRoot_isRefused(String name) throws IOException {
    assertRefused(new RawTar().file(name, "x").bytes(), "escapes the root");
  }

  @Test
  void call_hardLinkEscapingTheRoot_isRefused() throws IOException {
    byte[] link = RawTar.header("l", '1', 0);
    RawTar.put(link, 157, "../../etc/shadow");
    assertRefused(new RawTar().block(link).bytes(), "escapes the root");
  }

  @ParameterizedTest
  @ValueSource(strings = {"etc/.wh..", "etc/.wh...", "etc/.wh."})
  void call_whiteoutOfNoName_isRefused(String name) throws IOException {
    assertRefused(new RawTar().file(name, "").bytes(), "names no file");
  }

  @Test
  void call_extendedHeadersOverOneMebibyte_areRefused() throws IOException {
    String big = record("SCHILY.xattr.user.a", "v".repeat(600_000))
        + record("SCHILY.xattr.user.b", "v".repeat(600_000));
    assertRefused(new RawTar().paxFile(big, "f").bytes(), "extended headers");
  }

  @Test
  void call_rootedDotDot_staysInsideTheRoot() throws Exception {
    Path layer = Files.write(dir.resolve("ok.tar"),
        new RawTar().file("/../etc/hosts", "h").file("etc//.wh.gone", "").bytes());

    MergedLayer merged = new MergeLayersStep(List.of(layer), List.of("sha256:ok"), true,
        dir.resolve("out.tar")).call();

    assertThat(merged.entries()).isEqualTo(2); // etc/hosts and the whiteout etc/.wh.gone
  }

  private void assertRefused(byte[] tar, String reason) throws IOException {
    Path layer = Files.write(dir.resolve("layer.tar"), tar);
    IOException e = assertThrows(IOException.class, () -> new MergeLayersStep(List.of(layer),
        List.of("sha256:bad"), true, dir.resolve("merged.tar")).call());
    assertThat(e.getMessage()).startsWith("layer sha256:bad is malformed: ").contains(reason)
        .doesNotContain("\n");
  }

  /** One PAX record with its length prefix. */
  static String record(String key, String value) {
    int body = 1 + key.length() + 1 + value.getBytes(StandardCharsets.UTF_8).length + 1;
    int length = body + Integer.toString(body).length();
    if (Integer.toString(length).length() != Integer.toString(body).length()) {
      length++;
    }
    return length + " " + key + "=" + value + "\n";
  }
}
