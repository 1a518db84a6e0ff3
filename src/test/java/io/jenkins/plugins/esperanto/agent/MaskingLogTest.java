package io.jenkins.plugins.esperanto.agent;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.esperanto.engine.docker.OutputLines;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Tests for {@link MaskingLog}. */
class MaskingLogTest {
  @Test
  void accept_replacesEverySecret() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    MaskingLog log = new MaskingLog(new PrintStream(bytes, true, StandardCharsets.UTF_8), List.of("pa$$w0rd", "tok"));

    log.accept("login with pa$$w0rd and tok, again pa$$w0rd");

    assertThat(bytes.toString(StandardCharsets.UTF_8)).isEqualTo("login with **** and ****, again ****\n");
  }

  @Test
  void accept_secretInsideALongerOne_hidesAllOfTheLongerOne() {
    // withCredentials' password "tok" and a token "tok3n-xyz" that starts with it: masking the
    // short one first would print "****3n-xyz", most of the long secret.
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    MaskingLog log = new MaskingLog(new PrintStream(bytes, true, StandardCharsets.UTF_8), List.of("tok", "tok3n-xyz"));

    log.accept("header tok3n-xyz then tok");

    assertThat(bytes.toString(StandardCharsets.UTF_8)).isEqualTo("header **** then ****\n");
  }
  @Test
  void accept_secretAcrossTheCutOfALongLine_isMaskedWhole() {
    // OutputLines cuts a line longer than MAX_LINE into pieces; the secret starts 4 characters
    // before the cut, so per-piece masking would print "pa$$" and "w0rd-xyz" on two lines.
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    MaskingLog log = new MaskingLog(new PrintStream(bytes, true, StandardCharsets.UTF_8), List.of("pa$$w0rd-xyz", "tok"));
    OutputLines lines = OutputLines.to(log);

    lines.append("x".repeat(OutputLines.MAX_LINE - 4) + "pa$$w0rd-xyz and tok\nnext line\n");
    lines.flush();
    log.flush();

    String printed = bytes.toString(StandardCharsets.UTF_8);
    assertThat(printed).doesNotContain("pa$$").doesNotContain("w0rd");
    assertThat(printed.replace("\n", "")).isEqualTo("x".repeat(OutputLines.MAX_LINE - 4) + "**** and ****next line");
    assertThat(printed).endsWith("\nnext line\n");
  }

  @Test
  void flush_printsTheHeldTailOfALineOfExactlyTheMaximumLength() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    MaskingLog log = new MaskingLog(new PrintStream(bytes, true, StandardCharsets.UTF_8), List.of("pa$$w0rd"));

    log.accept("y".repeat(OutputLines.MAX_LINE - 3) + "pa$");
    log.flush();

    assertThat(bytes.toString(StandardCharsets.UTF_8).replace("\n", ""))
        .isEqualTo("y".repeat(OutputLines.MAX_LINE - 3) + "pa$");
  }
}
