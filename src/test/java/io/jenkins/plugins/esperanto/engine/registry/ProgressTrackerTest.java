package io.jenkins.plugins.esperanto.engine.registry;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.dockerjava.api.model.PullResponseItem;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Tests for {@link ProgressTracker} over the Engine API's own pull stream lines. */
class ProgressTrackerTest {
  private static final String KEY = "3f2a9c1b7d5e3f2a9c1b7d5e3f2a9c1b7d5e3f2a9c1b7d5e3f2a9c1b7d5e3f2a";
  private static final List<String> PULL_STREAM = List.of(
      "{\"status\":\"Pulling from team/base\",\"id\":\"" + KEY + "\"}",
      "{\"status\":\"Already exists\",\"progressDetail\":{},\"id\":\"839c760832b6\"}",
      "{\"status\":\"Pulling fs layer\",\"progressDetail\":{},\"id\":\"784fa3564d20\"}",
      "{\"status\":\"Downloading\",\"progressDetail\":{\"current\":500000,\"total\":2000000},\"id\":\"784fa3564d20\"}",
      "{\"status\":\"Downloading\",\"progressDetail\":{\"current\":2000000,\"total\":2000000},\"id\":\"784fa3564d20\"}",
      "{\"status\":\"Pull complete\",\"progressDetail\":{},\"id\":\"784fa3564d20\"}",
      "{\"status\":\"Digest: sha256:085c092246edad87eb327881c68e37da87fc6380f4d08ae64fd3dbf2ccf1ff22\"}",
      "{\"status\":\"Status: Downloaded newer image for h/team/base:" + KEY + "\"}");

  private static void feed(ProgressTracker tracker) throws Exception {
    ObjectMapper json = new ObjectMapper();
    for (String line : PULL_STREAM) {
      tracker.accept(json.readValue(line, PullResponseItem.class));
    }
  }

  @Test
  void lines_countLayersNotTheTagLine() throws Exception {
    List<String> lines = new ArrayList<>();
    ProgressTracker tracker = new ProgressTracker("pull h/team/base", ProgressOutput.lines(lines::add, Duration.ofHours(1)));

    feed(tracker);
    List<String> beforeFinish = List.copyOf(lines);
    tracker.finish("pulled");

    assertThat(beforeFinish).containsExactly(
        "pull h/team/base: layer 839c760832b6 already exists (1/1 layers)",
        "pull h/team/base: layer 784fa3564d20 pull complete (2/2 layers)");
    assertThat(lines).hasSize(3);
    assertThat(lines.get(2)).matches("pull h/team/base: pulled in [0-9.]+ s \\(2 layers, 2\\.0 MB\\)");
  }

  @Test
  void lines_zeroInterval_addsSummaryLines() throws Exception {
    List<String> lines = new ArrayList<>();
    ProgressTracker tracker = new ProgressTracker("pull x", ProgressOutput.lines(lines::add, Duration.ZERO));

    feed(tracker);

    assertThat(lines).contains("pull x: 1/2 layers, 0.5 MB of 2.0 MB", "pull x: 2/2 layers, 2.0 MB of 2.0 MB");
  }

  @Test
  void terminal_redrawsInPlace() throws Exception {
    StringWriter screen = new StringWriter();
    ProgressTracker tracker = new ProgressTracker("pull x", ProgressOutput.terminal(new PrintWriter(screen)));

    feed(tracker);

    assertThat(screen.toString()).contains("\r\033[Kpull x: 2/2 layers, 2.0 MB of 2.0 MB").doesNotContain("layer 784fa3564d20");
  }

  @Test
  void silent_printsNothing() throws Exception {
    StringWriter screen = new StringWriter();
    ProgressTracker tracker = new ProgressTracker("pull x", ProgressOutput.silent());

    feed(tracker);
    tracker.finish("pulled");

    assertThat(screen.toString()).isEmpty();
  }
}
