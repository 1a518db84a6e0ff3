package io.jenkins.plugins.esperanto.engine.squash;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Tests for {@link SquashedConfig}. */
class SquashedConfigTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String CONFIG = "{\"architecture\":\"amd64\",\"created\":\"2026-01-02T00:00:00Z\","
      + "\"config\":{\"Env\":[\"A=1\"],\"StopSignal\":\"SIGUSR1\",\"Labels\":{\"x\":\"y\"}},"
      + "\"unknown\":{\"kept\":true},"
      + "\"history\":["
      + "{\"created\":\"2026-01-01T00:00:00Z\",\"created_by\":\"base layer\"},"
      + "{\"created\":\"2026-01-01T00:00:00Z\",\"created_by\":\"base ENV\",\"empty_layer\":true},"
      + "{\"created\":\"2026-01-02T00:00:00Z\",\"created_by\":\"own LABEL\",\"empty_layer\":true},"
      + "{\"created\":\"2026-01-02T00:00:00Z\",\"created_by\":\"own RUN 1\"},"
      + "{\"created\":\"2026-01-02T00:00:00Z\",\"created_by\":\"own RUN 2\"}],"
      + "\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[\"sha256:base\",\"sha256:own1\",\"sha256:own2\"]}}";

  @Test
  void rewrite_own_keepsBaseHistoryAndCollapsesTheRest() throws IOException {
    JsonNode out = JSON.readTree(SquashedConfig.rewrite(CONFIG.getBytes(), 1,
        Optional.of(Instant.parse("2026-01-01T00:00:00Z")), "sha256:merged", "sha256:source",
        "esperanto squash --mode own: 2 layers merged into one"));

    assertThat(out.path("rootfs").path("diff_ids").toString())
        .isEqualTo("[\"sha256:base\",\"sha256:merged\"]");
    assertThat(out.path("history")).hasSize(3);
    assertThat(out.path("history").get(1).path("created_by").asText()).isEqualTo("base ENV");
    assertThat(out.path("history").get(2).path("created_by").asText())
        .isEqualTo("esperanto squash --mode own: 2 layers merged into one");
    assertThat(out.path("history").get(2).path("created").asText())
        .isEqualTo("2026-01-02T00:00:00Z");
    assertThat(out.path("config").path("Labels").path("io.esperanto.squashed-from").asText())
        .isEqualTo("sha256:source");
    assertThat(out.path("config").path("Labels").path("x").asText()).isEqualTo("y");
    assertThat(out.path("config").path("StopSignal").asText()).isEqualTo("SIGUSR1");
    assertThat(out.path("unknown").path("kept").asBoolean()).isTrue();
  }

  @Test
  void rewrite_all_leavesOneHistoryEntry() throws IOException {
    JsonNode out = JSON.readTree(SquashedConfig.rewrite(CONFIG.getBytes(), 0, Optional.empty(),
        "sha256:merged", "sha256:source", "all"));

    assertThat(out.path("rootfs").path("diff_ids")).hasSize(1);
    assertThat(out.path("history")).hasSize(1);
  }

  @Test
  void rewrite_sameInput_sameBytes() throws IOException {
    byte[] first = SquashedConfig.rewrite(CONFIG.getBytes(), 1, Optional.empty(), "sha256:m",
        "sha256:s", "d");

    assertThat(SquashedConfig.rewrite(CONFIG.getBytes(), 1, Optional.empty(), "sha256:m",
        "sha256:s", "d")).isEqualTo(first);
  }

  @Test
  void rewrite_noRootfs_fails() {
    IOException e = assertThrows(IOException.class, () -> SquashedConfig.rewrite(
        "{\"config\":{}}".getBytes(), 0, Optional.empty(), "sha256:m", "sha256:s", "d"));

    assertThat(e.getMessage()).contains("rootfs.diff_ids");
  }
}
