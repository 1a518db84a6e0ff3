package io.jenkins.plugins.esperanto.engine.squash;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.jenkins.plugins.esperanto.engine.api.SquashMode;
import io.jenkins.plugins.esperanto.engine.squash.TestImages.ContextFile;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Tests for {@link SquashImageStep}'s failure paths against the real Docker Engine: whatever
 * goes wrong, the source image and its tags stay, no squashed image or tag is left, and the
 * temporary directory is emptied.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SquashFailureTest {
  private TestImages images;
  private String sourceId;
  private String sourceTag;
  private List<String> tagsBefore;
  @TempDir Path temp;

  @BeforeAll
  void buildSource() throws Exception {
    images = new TestImages();
    String fixtureId = images.docker.inspectImageCmd(TestImages.FIXTURE).exec().getId();
    String dockerfile = "FROM " + TestImages.FIXTURE + "\n"
        + "LABEL " + SquashBase.BASE_LABEL + "=" + fixtureId + "\n"
        + "RUN echo a > /a && echo b > /b\n"
        + "RUN rm /a && echo c > /c\n";
    sourceId = images.build("failing", Map.of("Dockerfile",
        new ContextFile(TestImages.bytes(dockerfile), 0644)));
    sourceTag = images.prefix + "/failing:latest";
    tagsBefore = images.tagsOfThisRun();
  }

  @AfterAll
  void cleanUp() {
    images.close();
  }

  @AfterEach
  void nothingChanged() throws IOException {
    assertThat(images.docker.inspectImageCmd(sourceTag).exec().getId()).isEqualTo(sourceId);
    assertThat(images.tagsOfThisRun()).isEqualTo(tagsBefore);
    assertThat(images.imagesLabelled(SquashedConfig.SQUASHED_FROM, sourceId)).isEmpty();
    try (Stream<Path> left = Files.list(temp)) {
      assertThat(left).isEmpty();
    }
  }

  @Test
  void call_loadErrorInsideHttp200Body_failsAndLeavesNothing() {
    SquashException e = assertThrows(SquashException.class,
        () -> step(line -> { }, truncatedAfter(4096)).call());

    assertThat(e.getMessage()).contains("docker load reported").contains(sourceTag)
        .contains("unchanged").doesNotContain("\n");
  }

  @Test
  void loadImageStep_garbage_reportsTheDaemonsError() {
    IOException e = assertThrows(IOException.class, () -> new LoadImageStep(images.docker,
        new ByteArrayInputStream(TestImages.bytes("this is not a tar archive"))).call());

    assertThat(e.getMessage()).startsWith("docker load reported: ");
  }

  @Test
  void call_interruptedWhileMerging_failsAndLeavesNothing() {
    SquashException e = assertThrows(SquashException.class, () -> step(interruptOn("Merging"),
        UnaryOperator.identity()).call());

    assertThat(Thread.interrupted()).isTrue();
    assertThat(e.getMessage()).contains("interrupted");
  }

  @Test
  void call_interruptedWhileLoading_undoesTheLoad() {
    SquashException e = assertThrows(SquashException.class, () -> step(interruptOn("Loading"),
        UnaryOperator.identity()).call());

    assertThat(Thread.interrupted()).isTrue();
    assertThat(e.getMessage()).contains("interrupted");
  }

  @Test
  void call_diskFull_failsAndLeavesNothing() throws Exception {
    Path small = Files.createDirectory(temp.resolve("small"));
    run("mount", "-t", "tmpfs", "-o", "size=512k", "tmpfs", small.toString());
    try {
      SquashException e = assertThrows(SquashException.class, () -> new SquashImageStep(
          images.docker, sourceTag, SquashMode.OWN, Optional.empty(), line -> { }, small).call());

      assertThat(e.getMessage()).contains("No space left on device").contains(small.toString());
      try (Stream<Path> left = Files.list(small)) {
        assertThat(left).isEmpty();
      }
    } finally {
      run("umount", small.toString());
      Files.delete(small);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"uid", "escape", "negative-size", "record-length"})
  void call_malformedLayer_namesTheLayerAndLeavesNothing(String damage) {
    byte[] layer = switch (damage) {
      case "uid" -> new RawTar().paxFile(MalformedLayerTest.record("uid", "abc"), "f").bytes();
      case "escape" -> new RawTar().file("x/../../etc/.wh.passwd", "").bytes();
      case "negative-size" -> new RawTar().paxFile(MalformedLayerTest.record("size", "-1"), "f")
          .bytes();
      default -> new RawTar().paxFile(MalformedLayerTest.record("a", "b") + "2147483647 x=y\n",
          "f").bytes();
    };
    SquashException e = assertThrows(SquashException.class, () -> new SquashImageStep(
        images.docker, sourceTag, SquashMode.OWN, Optional.empty(), line -> { }, temp,
        layersReplacedBy(layer), UnaryOperator.identity()).call());

    assertThat(e.getMessage()).contains(sourceTag).contains("layer sha256:")
        .contains("is malformed").contains("unchanged").doesNotContain("\n");
  }

  /** Every layer of the saved archive replaced by {@code layer}: a hostile image's layer. */
  private static UnaryOperator<InputStream> layersReplacedBy(byte[] layer) {
    return save -> {
      try (save) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        TarWriter writer = new TarWriter(out);
        TarReader reader = new TarReader(save);
        for (Optional<TarHeader> h = reader.next(); h.isPresent(); h = reader.next()) {
          TarHeader header = h.get();
          if (header.type != TarHeader.REGULAR) {
            writer.write(header);
          } else if (header.name.endsWith("layer.tar")) {
            writer.write(header.as(TarHeader.REGULAR, layer.length, "", 0, 0),
                new ByteArrayInputStream(layer));
          } else {
            writer.write(header, reader.data());
          }
        }
        writer.finish();
        return new ByteArrayInputStream(out.toByteArray());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    };
  }

  private SquashImageStep step(Consumer<String> progress, UnaryOperator<InputStream> filter) {
    return new SquashImageStep(images.docker, sourceTag, SquashMode.OWN, Optional.empty(),
        progress, temp, UnaryOperator.identity(), filter);
  }

  private static Consumer<String> interruptOn(String phase) {
    return line -> {
      if (line.startsWith(phase)) {
        Thread.currentThread().interrupt();
      }
    };
  }

  /** Ends the archive early, as a dropped connection or a full disk on the daemon would. */
  private static UnaryOperator<InputStream> truncatedAfter(long limit) {
    return in -> new FilterInputStream(in) {
      private long left = limit;

      @Override
      public int read() throws IOException {
        return left-- > 0 ? super.read() : -1;
      }

      @Override
      public int read(byte[] b, int off, int len) throws IOException {
        if (left <= 0) {
          return -1;
        }
        int n = super.read(b, off, (int) Math.min(len, left));
        left -= Math.max(n, 0);
        return n;
      }
    };
  }

  private static void run(String... command) throws Exception {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes());
    assertThat(p.waitFor()).as(String.join(" ", command) + ": " + out).isZero();
  }
}
