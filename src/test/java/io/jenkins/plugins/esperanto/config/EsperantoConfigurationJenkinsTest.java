package io.jenkins.plugins.esperanto.config;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/** The Manage Jenkins form of {@link EsperantoConfiguration}: values survive a save through the UI and a reload. */
@WithJenkins
class EsperantoConfigurationJenkinsTest {
  @Test
  void configRoundTrip_keepsEveryField(JenkinsRule j) throws Exception {
    EsperantoConfiguration c = EsperantoConfiguration.get();
    c.setRepository("registry.example.com:5000/team");
    c.setRegion("us-east-2");
    c.setSquash("all");
    c.setCatalog("envs");

    j.configRoundtrip();
    EsperantoConfiguration reloaded = new EsperantoConfiguration();

    assertThat(reloaded.getRepository()).isEqualTo("registry.example.com:5000/team");
    assertThat(reloaded.getRegion()).isEqualTo("us-east-2");
    assertThat(reloaded.getSquash()).isEqualTo("all");
    assertThat(reloaded.getCatalog()).isEqualTo("envs");
    assertThat(reloaded.getCredentialsId()).isNull();
  }

  @Test
  void configRoundTrip_keepsTheRunPolicy(JenkinsRule j) throws Exception {
    EsperantoConfiguration c = EsperantoConfiguration.get();
    c.setAllowedHostPaths("/var/run/docker.sock\n/opt/tools");
    c.setAllowedDevices("/dev/fuse");
    c.setAllowedGroups("docker");
    c.setAllowedNetworks("host");

    j.configRoundtrip();
    EsperantoConfiguration reloaded = new EsperantoConfiguration();

    assertThat(reloaded.runPolicy()).isEqualTo(io.jenkins.plugins.esperanto.engine.run.RunPolicy.of(
        java.util.List.of("/var/run/docker.sock", "/opt/tools"), java.util.List.of("/dev/fuse"),
        java.util.List.of("docker"), java.util.List.of("host")));
  }
}
