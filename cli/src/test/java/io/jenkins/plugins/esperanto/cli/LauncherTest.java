package io.jenkins.plugins.esperanto.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code ./esperanto} launcher of a checkout (issue 10, item 15): two first runs at once build
 * the CLI once, and neither prints Maven's terminal escape codes. Runs on a copy of the sources, so
 * that this checkout's own jar is not touched.
 */
class LauncherTest {
  private static final Path CHECKOUT = Path.of("").toAbsolutePath().getParent();

  @TempDir Path copy;

  @Test
  void twoFirstRunsAtOnce_buildOnce_bothSucceed_noEscapeCodes() throws Exception {
    for (String part : List.of("esperanto", "src/main", "cli/pom.xml", "cli/src/main", "standalone")) {
      copyTree(CHECKOUT.resolve(part), copy.resolve(part));
    }
    List<Process> runs = new ArrayList<>();
    List<Path> outputs = new ArrayList<>();
    for (int i = 0; i < 2; i++) {
      Path output = copy.resolve("run-" + i + ".txt");
      outputs.add(output);
      runs.add(new ProcessBuilder("bash", copy.resolve("esperanto").toString(), "--version")
          .redirectErrorStream(true).redirectOutput(output.toFile()).start());
    }
    List<String> texts = new ArrayList<>();
    for (int i = 0; i < 2; i++) {
      assertThat(runs.get(i).waitFor(10, TimeUnit.MINUTES)).as("launcher run ends").isTrue();
      String text = Files.readString(outputs.get(i), StandardCharsets.UTF_8);
      texts.add(text);
      assertThat(runs.get(i).exitValue()).as(text).isZero();
      assertThat(text).as("no terminal escape codes").doesNotContain("\u001b");
    }
    assertThat(texts).filteredOn(text -> text.contains("building the CLI")).as("%s", texts).hasSize(1);
  }

  private static boolean isBuildOutput(Path relative) {
    for (Path element : relative) {
      if (element.toString().equals("target")) {
        return true;
      }
    }
    return false;
  }

  private static void copyTree(Path source, Path target) throws IOException {
    try (Stream<Path> paths = Files.walk(source)) {
      for (Path path : (Iterable<Path>) paths::iterator) {
        Path relative = source.relativize(path);
        if (isBuildOutput(relative)) {
          continue;
        }
        Path to = target.resolve(relative.toString());
        if (Files.isDirectory(path)) {
          Files.createDirectories(to);
        } else {
          Files.createDirectories(to.getParent());
          Files.copy(path, to);
        }
      }
    }
  }
}
