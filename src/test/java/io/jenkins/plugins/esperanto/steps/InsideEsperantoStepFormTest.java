package io.jenkins.plugins.esperanto.steps;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Tests for the form of {@link InsideEsperantoStep}: lists as text areas, one entry a line. */
class InsideEsperantoStepFormTest {
  @Test
  void fromForm_splitsEachListByLine_andDropsBlankLines() {
    InsideEsperantoStep step = InsideEsperantoStep.fromForm("toolchain", "A=1\r\n\n  B=two words \n",
        "/srv/cache:/cache\n/etc/ssl:/etc/ssl:ro", "");

    assertThat(step.getImage()).isEqualTo("toolchain");
    assertThat(step.getEnv()).containsExactly("A=1", "B=two words");
    assertThat(step.getVolumes()).containsExactly("/srv/cache:/cache", "/etc/ssl:/etc/ssl:ro");
    assertThat(step.getArgs()).isEmpty();
  }

  @Test
  void joinLines_thenFromForm_roundTrips() {
    InsideEsperantoStep step = new InsideEsperantoStep("toolchain");
    step.setEnv(java.util.List.of("A=1", "B=2"));
    step.setArgs(java.util.List.of("--verbose"));

    InsideEsperantoStep copy = InsideEsperantoStep.fromForm(step.getImage(), InsideEsperantoStep.joinLines(step.getEnv()),
        InsideEsperantoStep.joinLines(step.getVolumes()), InsideEsperantoStep.joinLines(step.getArgs()));

    assertThat(copy.getEnv()).isEqualTo(step.getEnv());
    assertThat(copy.getVolumes()).isEmpty();
    assertThat(copy.getArgs()).containsExactly("--verbose");
    assertThat(InsideEsperantoStep.joinLines(null)).isEmpty();
  }
}
