package io.jenkins.plugins.esperanto.agent;

import static org.assertj.core.api.Assertions.assertThat;

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
}
