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
 * a long time. The API version is left unset so that it is negotiated with the daemon. The client
 * carries its {@link DockerEndpoint} ({@link #endpointOf}), so that the connections opened beside
 * it (hijacked attach and exec) reach the same engine and no other.
 */
public final class DockerConnection {
  private static final Duration PING_TIMEOUT = Duration.ofSeconds(2);

  private DockerConnection() {}

  /**
   * Connects to {@code endpoint}.
   *
   * @throws DockerUnavailableException when the daemon does not answer within two seconds
   */
  public static DockerClient connect(DockerEndpoint endpoint) throws DockerUnavailableException {
    String dockerHost = endpoint.toString();
    DefaultDockerClientConfig.Builder builder = DefaultDockerClientConfig.createDefaultConfigBuilder()
        .withDockerHost(dockerHost)
        .withDockerTlsVerify(endpoint.tls());
    endpoint.certPath().ifPresent(builder::withDockerCertPath);
    DefaultDockerClientConfig config = builder.build();
    if (EnginePing.handles(config.getDockerHost())) {
      pingQuickly(endpoint, config.getDockerHost());
    } else {
      ping(endpoint, config);
    }
    DockerHttpClient http =
        new ZerodepDockerHttpClient.Builder()
            .dockerHost(config.getDockerHost())
            .sslConfig(config.getSSLConfig())
            .maxConnections(64)
            .connectionTimeout(Duration.ofSeconds(5))
            .build();
    return DockerClientImpl.getInstance(config, new EndpointHttpClient(endpoint, http));
  }

  /**
   * The engine {@code docker} was connected to.
   *
   * @throws IllegalArgumentException when {@code docker} was not opened by {@link #connect}
   */
  public static DockerEndpoint endpointOf(DockerClient docker) {
    if (docker instanceof DockerClientImpl impl && impl.getHttpClient() instanceof EndpointHttpClient http) {
      return http.endpoint;
    }
    throw new IllegalArgumentException("this Docker client was not opened by DockerConnection.connect");
  }

  /** docker-java's HTTP client, labelled with the endpoint it talks to. */
  private static final class EndpointHttpClient implements DockerHttpClient {
    private final DockerEndpoint endpoint;
    private final DockerHttpClient http;

    EndpointHttpClient(DockerEndpoint endpoint, DockerHttpClient http) {
      this.endpoint = endpoint;
      this.http = http;
    }

    @Override
    public Response execute(Request request) {
      return http.execute(request);
    }

    @Override
    public void close() throws IOException {
      http.close();
    }
  }

  private static void pingQuickly(DockerEndpoint endpoint, URI uri) throws DockerUnavailableException {
    try {
      Optional<String> problem = EnginePing.ping(uri, PING_TIMEOUT);
      if (problem.isPresent()) {
        throw unavailable(endpoint, new IOException(problem.get()));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw unavailable(endpoint, e);
    }
  }

  /** For TLS hosts: a separate client with a short timeout, so that a dead daemon is reported at once. */
  private static void ping(DockerEndpoint endpoint, DefaultDockerClientConfig config)
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
        throw unavailable(endpoint, new IOException("HTTP " + response.getStatusCode()));
      }
    } catch (DockerUnavailableException e) {
      throw e;
    } catch (IOException | RuntimeException e) {
      throw unavailable(endpoint, e);
    }
  }

  private static DockerUnavailableException unavailable(DockerEndpoint endpoint, Throwable cause) {
    return new DockerUnavailableException(endpoint.toString(), endpoint.origin(), endpoint.remedy(), cause);
  }
}
