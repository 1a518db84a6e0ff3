package io.jenkins.plugins.esperanto.engine.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.jenkins.plugins.esperanto.engine.api.EsperantoException;
import io.jenkins.plugins.esperanto.engine.api.InvalidCatalogException;
import io.jenkins.plugins.esperanto.engine.key.ContextArchive;
import io.jenkins.plugins.esperanto.engine.testing.TestCatalog;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Catalog files ({@code image.yaml}, {@code Docker/Dockerfile}, {@code Docker/.dockerignore})
 * that are links to a device, a FIFO or a huge file: each gives one line naming the file
 * within a second, instead of blocking or filling the heap.
 */
class CatalogFileTest {
  private static final Duration ONE_SECOND = Duration.ofSeconds(1);

  @TempDir Path dir;

  @ParameterizedTest
  @CsvSource({"image.yaml, /dev/zero, not a regular file", "image.yaml, fifo, not a regular file",
      "image.yaml, big, more than", "Docker/Dockerfile, /dev/zero, not a regular file",
      "Docker/Dockerfile, fifo, not a regular file", "Docker/Dockerfile, big, more than"})
  void image_catalogFileLinkedToHostileFile_failsNamingTheFile(String file, String target,
      String reason) throws Exception {
    new TestCatalog(dir).image("x", "FROM scratch\n", "description: x\n");
    Path path = dir.resolve("x").resolve(file);
    Files.delete(path);
    Files.createSymbolicLink(path, hostile(target));

    assertRefused(path, reason);
  }

  @ParameterizedTest
  @ValueSource(strings = {"/dev/zero", "fifo", "big"})
  void contextArchive_dockerignoreLinkedToHostileFile_failsNamingIt(String target)
      throws Exception {
    new TestCatalog(dir).image("x", "FROM scratch\n", null);
    Path context = dir.resolve("x/Docker");
    Files.createSymbolicLink(context.resolve(".dockerignore"), hostile(target));

    EsperantoException e = assertTimeoutPreemptively(ONE_SECOND, () -> assertThrows(
        EsperantoException.class,
        () -> ContextArchive.create(context, "Dockerfile", Optional.empty(), dir)));
    assertThat(e.getMessage()).contains(context.resolve(".dockerignore").toString())
        .doesNotContain("\n");
  }

  @Test
  void image_dockerfileLinkedOutsideTheContext_isRefusedAsDockerBuildRefusesIt()
      throws Exception {
    new TestCatalog(dir).image("x", "FROM scratch\n", null);
    Path outside = Files.writeString(dir.resolve("Dockerfile.elsewhere"), "FROM scratch\n");
    Path dockerfile = dir.resolve("x/Docker/Dockerfile");
    Files.delete(dockerfile);
    Files.createSymbolicLink(dockerfile, outside);

    assertRefused(dockerfile, "outside the build context");
  }

  @Test
  void image_dockerfileLinkedInsideTheContext_isReadThroughTheLink() throws Exception {
    new TestCatalog(dir).image("x", "FROM scratch\n", null);
    Path context = dir.resolve("x/Docker");
    Files.createDirectories(context.resolve("real"));
    Files.writeString(context.resolve("real/Dockerfile"), "FROM esperanto/base\n");
    Files.delete(context.resolve("Dockerfile"));
    Files.createSymbolicLink(context.resolve("Dockerfile"), Path.of("real/Dockerfile"));

    CatalogImage image = Catalog.load(dir).image("x");

    assertThat(image.dockerfilePath()).isEqualTo("real/Dockerfile"); // what docker build sends
    assertThat(image.froms()).hasSize(1);
    assertThat(image.froms().get(0).rawImage()).isEqualTo("esperanto/base");
  }

  /** {@code /dev/zero}, a new FIFO ("fifo") or a new sparse file of 100 MB ("big"). */
  private Path hostile(String target) throws Exception {
    if (target.equals("fifo")) {
      run("mkfifo", dir.resolve("fifo").toString());
    } else if (target.equals("big")) {
      try (RandomAccessFile out = new RandomAccessFile(dir.resolve("big").toFile(), "rw")) {
        out.setLength(100L * 1024 * 1024);
      }
    }
    return dir.resolve(target);
  }

  private void assertRefused(Path file, String reason) {
    InvalidCatalogException e = assertTimeoutPreemptively(ONE_SECOND, () -> assertThrows(
        InvalidCatalogException.class, () -> Catalog.load(dir).image("x")));
    assertThat(e.getMessage()).startsWith(file.toString()).contains(reason)
        .doesNotContain("\n");
  }

  private static void run(String... command) throws Exception {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    assertThat(p.waitFor()).isZero();
  }
}
