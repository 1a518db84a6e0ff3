package io.jenkins.plugins.esperanto.engine.squash;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A layer whose xattrs (PAX records) add up to twice the heap, merged in a child JVM with
 * {@code -Xmx96m}: the merge refuses the layer with one line naming it, instead of running
 * out of memory.
 */
class PaxMemoryTest {
  private static final int ENTRIES = 240;
  private static final int XATTR = 900 * 1024;

  @TempDir Path tmp;

  @Test
  void call_xattrsTwiceTheHeap_refusedWithoutRunningOutOfMemory() throws Exception {
    Path layer = tmp.resolve("xattrs.tar");
    String record = MalformedLayerTest.record("SCHILY.xattr.user.big", "v".repeat(XATTR));
    try (OutputStream out = Files.newOutputStream(layer)) {
      for (int i = 0; i < ENTRIES; i++) {
        RawTar entry = new RawTar().paxFile(record, "f" + i);
        byte[] bytes = entry.bytes();
        out.write(bytes, 0, bytes.length - 1024); // without the end-of-archive blocks
      }
      out.write(new byte[1024]);
    }
    assertThat(Files.size(layer)).isGreaterThan(2L * 96 * 1024 * 1024);

    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    Process child = new ProcessBuilder(List.of(java.toString(), "-Xmx96m", "-cp",
        System.getProperty("java.class.path"), Main.class.getName(), layer.toString(),
        tmp.resolve("merged.tar").toString())).redirectErrorStream(true).start();
    String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(child.waitFor(120, TimeUnit.SECONDS)).isTrue();

    assertThat(output).doesNotContain("OutOfMemoryError")
        .contains("layer sha256:big is malformed: its extended attributes (PAX records) exceed");
    assertThat(child.exitValue()).as(output).isEqualTo(3);
  }

  /** The child: merges one layer; exit 3 with the message when the merge refuses it. */
  public static final class Main {
    public static void main(String[] args) throws Exception {
      try {
        new MergeLayersStep(List.of(Path.of(args[0])), List.of("sha256:big"), true,
            Path.of(args[1])).call();
      } catch (IOException e) {
        System.out.println(e.getMessage());
        System.exit(3);
      }
    }
  }
}
