package io.jenkins.plugins.esperanto.engine.squash;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Tests for {@link SavedImage} and {@link SpooledArchive} on archives built here: the OCI
 * layout (which Docker 25+ writes; the daemon here writes the legacy one) with a plain and a
 * gzip layer, and the legacy layout with a layer shared through a symlink.
 */
class SavedImageTest {
  private static final String CONFIG = "{\"rootfs\":{\"type\":\"layers\"}}";
  @TempDir Path temp;

  @Test
  void read_ociLayout_findsConfigAndUncompressedLayers() throws Exception {
    byte[] plain = layer("one");
    byte[] second = layer("two");
    byte[] gzipped = gzip(second);
    byte[] config = TestImages.bytes(CONFIG);
    String manifest = "{\"schemaVersion\":2,\"config\":{\"digest\":\"" + digest(config) + "\"},"
        + "\"layers\":[{\"digest\":\"" + digest(plain) + "\"},{\"digest\":\"" + digest(gzipped)
        + "\"}]}";
    String index = "{\"schemaVersion\":2,\"manifests\":[{\"digest\":\""
        + digest(TestImages.bytes(manifest)) + "\"}]}";
    Map<String, byte[]> files = new LinkedHashMap<>();
    files.put("blobs/sha256/" + hex(gzipped), gzipped);
    files.put("blobs/sha256/" + hex(plain), plain);
    files.put("blobs/sha256/" + hex(config), config);
    files.put("blobs/sha256/" + hex(TestImages.bytes(manifest)), TestImages.bytes(manifest));
    files.put("oci-layout", TestImages.bytes("{\"imageLayoutVersion\":\"1.0.0\"}"));
    files.put("index.json", TestImages.bytes(index));

    SavedImage image = SavedImage.read(spool(files, Map.of()), temp);

    assertThat(image.config()).isEqualTo(config);
    assertThat(image.layers()).hasSize(2);
    assertThat(Files.readAllBytes(image.layers().get(0))).isEqualTo(plain);
    assertThat(Files.readAllBytes(image.layers().get(1))).isEqualTo(second);
  }

  @Test
  void read_legacyLayoutWithSymlinkedLayer_resolvesIt() throws Exception {
    byte[] layer = layer("shared");
    Map<String, byte[]> files = new LinkedHashMap<>();
    files.put("aaa/layer.tar", layer);
    files.put("cfg.json", TestImages.bytes(CONFIG));
    files.put("manifest.json", TestImages.bytes("[{\"Config\":\"cfg.json\",\"RepoTags\":null,"
        + "\"Layers\":[\"aaa/layer.tar\",\"bbb/layer.tar\"]}]"));

    SavedImage image = SavedImage.read(spool(files, Map.of("bbb/layer.tar", "../aaa/layer.tar")),
        temp);

    assertThat(image.layers()).hasSize(2);
    assertThat(Files.readAllBytes(image.layers().get(1))).isEqualTo(layer);
  }

  @Test
  void read_neitherLayout_fails() throws Exception {
    IOException e = assertThrows(IOException.class,
        () -> SavedImage.read(spool(Map.of("x", new byte[1]), Map.of()), temp));

    assertThat(e.getMessage()).contains("neither manifest.json nor index.json");
  }

  private SpooledArchive spool(Map<String, byte[]> files, Map<String, String> symlinks)
      throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    TarWriter writer = new TarWriter(out);
    for (Map.Entry<String, byte[]> file : files.entrySet()) {
      writer.write(new TarHeader(file.getKey(), TarHeader.REGULAR, 0644, 0, 0,
          file.getValue().length, 0, "", "", "", 0, 0, Map.of(), -1),
          new ByteArrayInputStream(file.getValue()));
    }
    for (Map.Entry<String, String> link : symlinks.entrySet()) {
      writer.write(new TarHeader(link.getKey(), TarHeader.SYMLINK, 0777, 0, 0, 0, 0,
          link.getValue(), "", "", 0, 0, Map.of(), -1));
    }
    writer.finish();
    return SpooledArchive.spool(new ByteArrayInputStream(out.toByteArray()), temp);
  }

  private static byte[] layer(String name) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    TarWriter writer = new TarWriter(out);
    writer.write(new TarHeader(name, TarHeader.REGULAR, 0644, 0, 0, 2, 0, "", "", "", 0, 0,
        Map.of(), -1), new ByteArrayInputStream(TestImages.bytes("hi")));
    writer.finish();
    return out.toByteArray();
  }

  private static byte[] gzip(byte[] data) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
      gz.write(data);
    }
    return out.toByteArray();
  }

  private static String hex(byte[] data) {
    return Digests.sha256Hex(data);
  }

  private static String digest(byte[] data) {
    return "sha256:" + hex(data);
  }

}
