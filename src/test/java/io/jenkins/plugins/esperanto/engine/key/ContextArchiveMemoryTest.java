package io.jenkins.plugins.esperanto.engine.key;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Archives a context far larger than the heap in a child JVM limited to 32 MB of heap: proves that
 * {@link ContextArchive} streams, whatever the size of the context.
 */
class ContextArchiveMemoryTest {
  private static final long FILE_SIZE = 256L * 1024 * 1024;

  @TempDir Path tmp;

  @Test
  void create_contextEightTimesTheHeap_succeedsInSmallHeap() throws Exception {
    Path context = tmp.resolve("ctx");
    Files.createDirectories(context);
    Files.writeString(context.resolve("Dockerfile"), "FROM scratch\nCOPY . /\n");
    // Sparse: costs no disk, reads back as zeros.
    try (RandomAccessFile big = new RandomAccessFile(context.resolve("big.bin").toFile(), "rw")) {
      big.setLength(FILE_SIZE);
    }
    String expected;
    try (ContextArchive archive =
        ContextArchive.create(context, "Dockerfile", Optional.empty(), tmp)) {
      expected = archive.sha256();
      assertThat(archive.size()).isGreaterThan(FILE_SIZE);
    }

    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    Process child =
        new ProcessBuilder(
                List.of(
                    java.toString(),
                    "-Xmx32m",
                    "-cp",
                    System.getProperty("java.class.path"),
                    Main.class.getName(),
                    context.toString(),
                    tmp.toString()))
            .redirectErrorStream(true)
            .start();
    String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(child.waitFor(120, TimeUnit.SECONDS)).isTrue();
    assertThat(child.exitValue()).as(output).isZero();
    assertThat(output.strip()).isEqualTo(expected);
  }

  /** The child process: archives the context given as first argument, prints the digest. */
  public static final class Main {
    public static void main(String[] args) throws Exception {
      try (ContextArchive archive =
          ContextArchive.create(
              Path.of(args[0]), "Dockerfile", Optional.empty(), Path.of(args[1]))) {
        System.out.println(archive.sha256());
      }
    }
  }
}
