package io.jenkins.plugins.esperanto.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.esperanto.engine.api.SquashMode;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Tests for {@link Settings}: merging the step over the global configuration, and field checks. */
class SettingsTest {
  private final Settings global = Settings.of("123456789012.dkr.ecr.eu-west-1.amazonaws.com/team", "eu-west-1",
      "ecr-creds", "own", null);

  @Test
  void overriddenBy_stepValuesWin_blankKeepsGlobal() {
    Settings s = global.overriddenBy("123456789012.dkr.ecr.eu-west-1.amazonaws.com/ci", " ", "all", "envs/images");

    assertThat(s.repository()).contains("123456789012.dkr.ecr.eu-west-1.amazonaws.com/ci");
    assertThat(s.credentialsId()).contains("ecr-creds");
    assertThat(s.squash()).contains(SquashMode.ALL);
    assertThat(s.catalog()).isEqualTo("envs/images");
    assertThat(s.region()).contains("eu-west-1");
  }

  @Test
  void overriddenBy_repositoryOnAnotherHostWithoutOwnCredentials_isAProblem() {
    Settings s = global.overriddenBy("registry.example.com:5000/ci", null, null, null);

    assertThat(s.problem()).contains("credentialsId: repository 'registry.example.com:5000/ci' is on registry"
        + " registry.example.com:5000, not on 123456789012.dkr.ecr.eu-west-1.amazonaws.com, the registry that"
        + " credentials 'ecr-creds' are for; give the step its own credentialsId for registry.example.com:5000");
    assertThat(s.credentialsId()).as("never resolved for the other host").isEmpty();
  }

  @Test
  void overriddenBy_repositoryOnAnotherHostWithOwnCredentials_usesThem() {
    Settings s = global.overriddenBy("registry.example.com:5000/ci", "other-creds", null, null);

    assertThat(s.problem()).isEmpty();
    assertThat(s.credentialsId()).contains("other-creds");
  }

  @Test
  void overriddenBy_repositoryOnTheSameHost_keepsTheConfiguredCredentials() {
    Settings s = global.overriddenBy("123456789012.dkr.ecr.eu-west-1.amazonaws.com/other-team", null, null, null);

    assertThat(s.problem()).isEmpty();
    assertThat(s.credentialsId()).contains("ecr-creds");
  }

  @Test
  void overriddenBy_repositoryWithoutHost_dropsTheConfiguredCredentialsWithoutAProblem() {
    // A local repository is never pushed to or pulled from a registry: no credential to ask for.
    Settings s = global.overriddenBy("team/x", null, null, null);

    assertThat(s.problem()).isEmpty();
    assertThat(s.repository()).contains("team/x");
    assertThat(s.credentialsId()).as("the registry's credentials never follow a local repository").isEmpty();
  }

  @Test
  void overriddenBy_anotherHostWithNoConfiguredCredentials_isFine() {
    Settings s = Settings.of("127.0.0.1:5000/team", null, null, null, null).overriddenBy("127.0.0.1:5001/x", null, null, null);

    assertThat(s.problem()).isEmpty();
    assertThat(s.credentialsId()).isEmpty();
  }

  @Test
  void of_defaults_catalogIsImages_squashPerImage() {
    Settings s = Settings.of(null, null, null, null, null);

    assertThat(s.catalog()).isEqualTo("images");
    assertThat(s.squash()).isEmpty();
    assertThat(s.repository()).isEmpty();
    assertThat(s.problem()).isEmpty();
  }

  @Test
  void checkName_rejectsUpperCaseAndTraversal() {
    assertThat(Settings.checkName("toolchain")).isEmpty();
    assertThat(Settings.checkName("../etc")).get().asString().startsWith("name: '../etc' is not an image name");
    assertThat(Settings.checkName("Toolchain")).isPresent();
  }

  @Test
  void checkRepository_usesTheEnginesParser() {
    assertThat(Settings.checkRepository("registry.example.com:5000/team/sub")).isEmpty();
    assertThat(Settings.checkRepository("123456789012.dkr.ecr.eu-west-1.amazonaws.com/team")).isEmpty();
    assertThat(Settings.checkRepository("https://registry.example.com")).get().asString()
        .startsWith("repository: Invalid registry 'https://registry.example.com': expected [host[:port]/]path");
    assertThat(Settings.checkRepository("Registry/Team")).isPresent();
  }

  @Test
  void checkRegion_acceptsAwsRegions() {
    assertThat(Settings.checkRegion("us-gov-west-1")).isEmpty();
    assertThat(Settings.checkRegion("Ireland")).contains("region: 'Ireland' is not an AWS region; expected e.g. eu-west-1");
  }

  @Test
  void checkSquash_acceptsModesOrBlank() {
    assertThat(Settings.checkSquash("")).isEmpty();
    assertThat(Settings.checkSquash("own")).isEmpty();
    assertThat(Settings.checkSquash("yes")).get().asString().startsWith("squash: 'yes' is not a squash mode");
  }

  @Test
  void checkCatalog_mustStayInsideTheWorkspace() {
    assertThat(Settings.checkCatalog("images")).isEmpty();
    assertThat(Settings.checkCatalog("a/b")).isEmpty();
    for (String bad : new String[] {"/etc", "..", "../x", "a/../../b", "a/.."}) {
      assertThat(Settings.checkCatalog(bad)).as(bad)
          .isEqualTo(Optional.of("catalog: '" + bad + "' must be a folder inside the workspace, e.g. images"));
    }
  }

  @Test
  void problem_reportsTheFirstBadField() {
    Settings s = Settings.of("ok.example.com/x", "mars-1", null, "sometimes", null);

    assertThat(s.problem()).get().asString().startsWith("region: 'mars-1'");
  }
}
