package io.jenkins.plugins.esperanto.engine.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.github.dockerjava.api.DockerClient;
import io.jenkins.plugins.esperanto.engine.api.DockerUnavailableException;
import io.jenkins.plugins.esperanto.engine.api.EsperantoException;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Where the Docker Engine address comes from, resolved once and carried by the client. */
class DockerEndpointTest {
  @Test
  void resolve_flagFirst_thenDockerHost_thenTheDefaultSocket() throws Exception {
    Map<String, String> env = Map.of("DOCKER_HOST", "unix:///from/env.sock");
    assertThat(DockerEndpoint.resolve(Optional.of("tcp://engine:2375"), env).toString()).isEqualTo("tcp://engine:2375");
    assertThat(DockerEndpoint.resolve(Optional.of(" "), env).toString()).isEqualTo("unix:///from/env.sock");
    assertThat(DockerEndpoint.resolve(Optional.empty(), env).toString()).isEqualTo("unix:///from/env.sock");
    assertThat(DockerEndpoint.resolve(Optional.empty(), Map.of("DOCKER_HOST", "")).toString())
        .isEqualTo("unix:///var/run/docker.sock");
  }

  @Test
  void resolve_tlsAsTheEnvironmentSays() throws Exception {
    DockerEndpoint tls = DockerEndpoint.resolve(Optional.of("tcp://engine:2376"),
        Map.of("DOCKER_TLS_VERIFY", "1", "DOCKER_CERT_PATH", "/certs"));
    assertThat(tls.tls()).isTrue();
    assertThat(tls.certPath()).contains("/certs");
    assertThat(DockerEndpoint.resolve(Optional.of("tcp://engine:2375"), Map.of("DOCKER_TLS_VERIFY", "0")).tls())
        .isFalse();
  }

  @Test
  void resolve_notAnAddress_oneLineNamingTheValueAndWhereItCameFrom() {
    EsperantoException flag = assertThrows(EsperantoException.class,
        () -> DockerEndpoint.resolve(Optional.of("docker.example:2375"), Map.of()));
    assertThat(flag.getMessage()).isEqualTo("Tried to use 'docker.example:2375' (given on the command line) as the"
        + " Docker Engine address but it is not one; expected unix:///path/to/docker.sock or tcp://host:port");
    EsperantoException env = assertThrows(EsperantoException.class,
        () -> DockerEndpoint.resolve(Optional.empty(), Map.of("DOCKER_HOST", "ssh://me@engine")));
    assertThat(env.getMessage()).startsWith("Tried to use 'ssh://me@engine' (from DOCKER_HOST) as the");
  }

  @Test
  void connect_noDaemon_namesTheAddressAndTheSettingThatChoseIt() throws Exception {
    DockerUnavailableException fromEnv = assertThrows(DockerUnavailableException.class, () ->
        DockerConnection.connect(DockerEndpoint.resolve(Optional.empty(), Map.of("DOCKER_HOST", "unix:///nonexistent.sock"))));
    assertThat(fromEnv.getMessage()).isEqualTo("Tried to reach the Docker Engine at unix:///nonexistent.sock"
        + " (from DOCKER_HOST) but it did not answer; start a daemon there or point DOCKER_HOST at a running daemon");

    DockerEndpoint agentDefault = DockerEndpoint.resolve(Optional.empty(), Map.of());
    assertThat(agentDefault.origin()).isEqualTo("the default socket");
    assertThat(agentDefault.remedy()).isEqualTo("start it (e.g. 'sudo systemctl start docker') or point DOCKER_HOST"
        + " at a running daemon");
    assertThat(DockerEndpoint.resolve("--docker-host", Optional.empty(), Map.of()).remedy())
        .endsWith("or point DOCKER_HOST or --docker-host at a running daemon");
  }

  @Test
  void connect_theClientCarriesItsEndpoint() throws Exception {
    DockerEndpoint endpoint = DockerEndpoint.of("unix:///var/run/docker.sock");
    try (DockerClient docker = DockerConnection.connect(endpoint)) {
      assertThat(DockerConnection.endpointOf(docker)).isEqualTo(endpoint);
    }
  }
}
