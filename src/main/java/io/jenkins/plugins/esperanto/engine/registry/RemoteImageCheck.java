package io.jenkins.plugins.esperanto.engine.registry;

import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * Answers "does {@code <repo>/<name>:<tag>} exist in the registry?" without pulling: Registry
 * HTTP API v2 {@code HEAD /v2/<name>/manifests/<tag>}, with the Basic or Bearer challenge flow
 * and the same credentials the push and pull use.
 *
 * <p>Why the HTTP API and not the Engine's {@code GET /distribution/<name>/json}: docker-java
 * 3.7.1 has no command for that endpoint, and the HTTP API also works where no Docker daemon
 * is (a Jenkins controller deciding between build and pull). Like Docker, plain HTTP is used
 * for loopback registries ({@code 127.0.0.0/8}, {@code localhost}, {@code ::1}) and HTTPS for
 * every other one.
 */
public final class RemoteImageCheck implements Callable<Boolean> {
  private static final String ACCEPT = String.join(", ",
      "application/vnd.oci.image.index.v1+json",
      "application/vnd.oci.image.manifest.v1+json",
      "application/vnd.docker.distribution.manifest.list.v2+json",
      "application/vnd.docker.distribution.manifest.v2+json");

  private final HttpClient http;
  private final ImageReference reference;
  private final RegistryAttempts attempts;
  private final Duration timeout;

  RemoteImageCheck(HttpClient http, ImageReference reference, RegistryAttempts attempts, Duration timeout) {
    this.http = http;
    this.reference = reference;
    this.attempts = attempts;
    this.timeout = timeout;
  }

  /** An HTTP client for lookups: no redirects, so credentials are never sent to another host. */
  static HttpClient newHttpClient(Duration connectTimeout) {
    return HttpClient.newBuilder().connectTimeout(connectTimeout).followRedirects(HttpClient.Redirect.NEVER).build();
  }

  /**
   * Looks the tag up.
   *
   * @return true when the registry has the manifest, false when it has not
   * @throws RegistryException when the registry refuses the credentials or is down
   */
  @Override
  public Boolean call() throws RegistryException {
    reference.requireRegistry("look up");
    try {
      return attempts.run("look up", reference, line -> { }, this::exists);
    } catch (RepositoryMissingException e) {
      return false;
    }
  }

  private Boolean exists(RegistryAuth auth) throws DaemonFailure, InterruptedException {
    URI manifest = URI.create(baseUri() + "/v2/" + reference.repository() + "/manifests/" + reference.tag());
    HttpResponse<Void> response = send(head(manifest, Optional.empty()));
    if (response.statusCode() == 401) {
      Optional<String> authorization = answerChallenge(response.headers().firstValue("WWW-Authenticate").orElse(""), auth);
      if (authorization.isPresent()) {
        response = send(head(manifest, authorization));
      }
    }
    int status = response.statusCode();
    if (status >= 200 && status < 300) {
      return true;
    }
    if (status == 404) {
      return false;
    }
    if (status == 401 || status == 403) {
      throw new DaemonFailure((auth.isAnonymous() ? "no basic auth credentials" : "unauthorized") + " (HTTP " + status + ")", null);
    }
    if (status >= 500) {
      throw new DaemonFailure("503 service unavailable: registry answered HTTP " + status, null);
    }
    throw new DaemonFailure("registry answered HTTP " + status + " to HEAD " + manifest.getPath(), null);
  }

  /** The Authorization header that answers the registry's challenge, if the challenge can be answered. */
  private Optional<String> answerChallenge(String challenge, RegistryAuth auth) throws DaemonFailure, InterruptedException {
    try {
      return RegistryChallenge.answer(http, challenge, auth, "repository:" + reference.repository() + ":pull", timeout);
    } catch (RegistryChallenge.Failure e) {
      throw new DaemonFailure(e.getMessage(), e.getCause());
    }
  }

  private HttpRequest head(URI uri, Optional<String> authorization) {
    HttpRequest.Builder builder = HttpRequest.newBuilder(uri).timeout(timeout)
        .method("HEAD", HttpRequest.BodyPublishers.noBody()).header("Accept", ACCEPT);
    authorization.ifPresent(a -> builder.header("Authorization", a));
    return builder.build();
  }

  private HttpResponse<Void> send(HttpRequest request) throws DaemonFailure, InterruptedException {
    try {
      return http.send(request, HttpResponse.BodyHandlers.discarding());
    } catch (IOException e) {
      throw new DaemonFailure("connection refused or timed out: " + e.getClass().getSimpleName()
          + (e.getMessage() == null ? "" : " " + e.getMessage()), e);
    }
  }

  private String baseUri() {
    String host = reference.registry().get();
    return (isLoopback(host) ? "http://" : "https://") + host;
  }

  /** Docker's own rule: loopback registries are insecure (plain HTTP) by default. */
  static boolean isLoopback(String hostWithPort) {
    String host = hostWithPort.startsWith("[") ? hostWithPort.substring(1, hostWithPort.indexOf(']'))
        : hostWithPort.contains(":") ? hostWithPort.substring(0, hostWithPort.lastIndexOf(':')) : hostWithPort;
    if (host.equals("localhost")) {
      return true;
    }
    if (!host.matches("[0-9.]+|[0-9a-fA-F:]+")) {
      return false; // never resolve names here: a DNS answer must not switch a registry to plain HTTP
    }
    try {
      return InetAddress.getByName(host).isLoopbackAddress();
    } catch (UnknownHostException e) {
      return false;
    }
  }
}
