package io.jenkins.plugins.esperanto.engine.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.transport.DockerHttpClient;
import com.github.dockerjava.zerodep.ZerodepDockerHttpClient;
import io.jenkins.plugins.esperanto.engine.api.DockerUnavailableException;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/**
 * Opens a docker-java client on the Engine API and checks, quickly, that the daemon answers.
 *
 * <p>The zerodep transport is used because it shades its HTTP stack, which keeps the plugin
 * classloader free of conflicts. No response timeout is set: builds and pushes may stream for
 * a long time. The API version is left unset so that it is negotiated with the daemon.
 */
public final class DockerConnection {
  static final String DEFAULT_HOST = "unix:///var/run/docker.sock";
  private static final Duration PING_TIMEOUT = Duration.ofSeconds(2);

  private DockerConnection() {}

  /**
   * Connects to {@code host}, or to {@code DOCKER_HOST}, or to the default socket.
   *
   * @throws DockerUnavailableException when the daemon does not answer within two seconds
   */
  public static DockerClient connect(Optional<String> host) throws DockerUnavailableException {
    String dockerHost = host.or(() -> Optional.ofNullable(System.getenv("DOCKER_HOST")))
        .filter(h -> !h.isBlank())
        .orElse(DEFAULT_HOST);
    DefaultDockerClientConfig config =
        DefaultDockerClientConfig.createDefaultConfigBuilder().withDockerHost(dockerHost).build();
    if (EnginePing.handles(config.getDockerHost())) {
      pingQuickly(dockerHost, config.getDockerHost());
    } else {
      ping(dockerHost, config);
    }
    DockerHttpClient http =
        new ZerodepDockerHttpClient.Builder()
            .dockerHost(config.getDockerHost())
            .sslConfig(config.getSSLConfig())
            .maxConnections(64)
            .connectionTimeout(Duration.ofSeconds(5))
            .build();
    return DockerClientImpl.getInstance(config, http);
  }

  private static void pingQuickly(String dockerHost, URI uri) throws DockerUnavailableException {
    try {
      Optional<String> problem = EnginePing.ping(uri, PING_TIMEOUT);
      if (problem.isPresent()) {
        throw new DockerUnavailableException(dockerHost, new IOException(problem.get()));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new DockerUnavailableException(dockerHost, e);
    }
  }

  /** For TLS hosts: a separate client with a short timeout, so that a dead daemon is reported at once. */
  private static void ping(String dockerHost, DefaultDockerClientConfig config)
      throws DockerUnavailableException {
    DockerHttpClient probe =
        new ZerodepDockerHttpClient.Builder()
            .dockerHost(config.getDockerHost())
            .sslConfig(config.getSSLConfig())
            .connectionTimeout(PING_TIMEOUT)
            .responseTimeout(PING_TIMEOUT)
            .build();
    DockerHttpClient.Request request =
        DockerHttpClient.Request.builder().method(DockerHttpClient.Request.Method.GET).path("/_ping").build();
    try (probe;
        DockerHttpClient.Response response = probe.execute(request)) {
      if (response.getStatusCode() != 200) {
        throw new DockerUnavailableException(dockerHost, new IOException("HTTP " + response.getStatusCode()));
      }
    } catch (DockerUnavailableException e) {
      throw e;
    } catch (IOException | RuntimeException e) {
      throw new DockerUnavailableException(dockerHost, e);
    }
  }
}
