package io.jenkins.plugins.esperanto.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.casc.misc.junit.jupiter.AbstractRoundTripTest;
import org.jvnet.hudson.test.JenkinsRule;

/**
 * Configuration as Code round trip of {@code unclassified: esperanto:} (import, check, web UI,
 * export to jenkins.yaml, restart, check again). Plugin build only.
 */
class EsperantoConfigurationCascJenkinsTest extends AbstractRoundTripTest {
  @Override
  protected void assertConfiguredAsExpected(JenkinsRule j, String configContent) {
    EsperantoConfiguration c = EsperantoConfiguration.get();
    assertThat(c.getRepository()).isEqualTo("123456789012.dkr.ecr.eu-west-1.amazonaws.com/casc-team");
    assertThat(c.getRegion()).isEqualTo("eu-west-1");
    assertThat(c.getCredentialsId()).isEqualTo("ecr-credentials");
    assertThat(c.getSquash()).isEqualTo("own");
    assertThat(c.getCatalog()).isEqualTo("envs/images");
    assertThat(c.runPolicy().hostPaths()).containsExactly("/var/run/docker.sock", "/opt/tools");
    assertThat(c.runPolicy().networks()).containsExactly("host");
  }

  @Override
  protected String stringInLogExpected() {
    return ".repository = 123456789012.dkr.ecr.eu-west-1.amazonaws.com/casc-team";
  }
}
