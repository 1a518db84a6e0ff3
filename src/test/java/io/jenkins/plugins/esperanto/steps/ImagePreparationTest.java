package io.jenkins.plugins.esperanto.steps;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.esperanto.config.Settings;
import org.junit.jupiter.api.Test;

/** Tests for {@link ImagePreparation}'s checks before any agent work. */
class ImagePreparationTest {
  private final Settings global = Settings.of("registry.example.com/team", null, "team-creds", null, null);

  @Test
  void problem_repositoryOverrideOnAnotherHostWithoutCredentials_failsTheStepInOneLine() {
    Settings settings = global.overriddenBy("127.0.0.1:5000/mine", null, null, null);

    assertThat(ImagePreparation.problem("esperantoImage", "toolchain", settings, true)).get().asString()
        .startsWith("esperantoImage: credentialsId: repository '127.0.0.1:5000/mine' is on registry 127.0.0.1:5000,")
        .contains("give the step its own credentialsId").doesNotContain("\n");
  }
}
