package io.jenkins.plugins.esperanto.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Tests for {@link CommandLines}. */
class CommandLinesTest {
  private static final String ID = "0123456789abcdef0123";

  @Test
  void display_hidesMaskedArguments() {
    String line = CommandLines.display(ID, List.of("login", "-p", "s3cr3t", "x y"),
        new boolean[] {false, false, true, false});

    assertThat(line).isEqualTo("[esperanto 0123456789ab] $ login -p ******** \"x y\"").doesNotContain("s3cr3t");
  }

  @Test
  void display_withoutMasks_showsEverything() {
    assertThat(CommandLines.display(ID, List.of("make", "-j8"), null)).isEqualTo("[esperanto 0123456789ab] $ make -j8");
  }

  @Test
  void shortId_keepsTwelveCharacters() {
    assertThat(CommandLines.shortId(ID)).isEqualTo("0123456789ab");
    assertThat(CommandLines.shortId("abc")).isEqualTo("abc");
  }
}
