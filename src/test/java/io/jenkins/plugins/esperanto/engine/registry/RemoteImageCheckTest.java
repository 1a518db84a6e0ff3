package io.jenkins.plugins.esperanto.engine.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Tests for {@link RemoteImageCheck}'s Bearer challenge flow (the Basic flow runs against the
 * real registry in {@link RegistryClientTest}): a local server plays registry and token
 * service, as Docker Hub, Harbor or GitLab do.
 */
class RemoteImageCheckTest {
  private static final String PASSWORD = "bearer-" + LocalRegistry.randomPassword();
  private static final String TOKEN = "tok-" + LocalRegistry.randomPassword();

  private HttpServer server;
  private final List<String> seen = Collections.synchronizedList(new ArrayList<>());

  @BeforeEach
  void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/token", this::token);
    server.createContext("/v2/", this::manifest);
    server.start();
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  private String host() {
    return "127.0.0.1:" + server.getAddress().getPort();
  }

  private void token(HttpExchange exchange) throws IOException {
    String expected = "Basic " + Base64.getEncoder().encodeToString(("ci:" + PASSWORD).getBytes(StandardCharsets.UTF_8));
    seen.add("token " + exchange.getRequestURI().getQuery());
    boolean ok = expected.equals(exchange.getRequestHeaders().getFirst("Authorization"));
    byte[] body = (ok ? "{\"token\":\"" + TOKEN + "\"}" : "{}").getBytes(StandardCharsets.UTF_8);
    exchange.sendResponseHeaders(ok ? 200 : 401, body.length);
    exchange.getResponseBody().write(body);
    exchange.close();
  }

  private void manifest(HttpExchange exchange) throws IOException {
    String authorization = exchange.getRequestHeaders().getFirst("Authorization");
    seen.add(exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath());
    if (!("Bearer " + TOKEN).equals(authorization)) {
      exchange.getResponseHeaders().set("WWW-Authenticate", "Bearer realm=\"http://" + host()
          + "/token\",service=\"test-registry\",scope=\"repository:team/base:pull\"");
      exchange.sendResponseHeaders(401, -1);
    } else {
      exchange.sendResponseHeaders(exchange.getRequestURI().getPath().endsWith("/present") ? 200 : 404, -1);
    }
    exchange.close();
  }

  private boolean check(String tag, RegistryCredentials credentials) throws Exception {
    ImageReference reference = ImageReference.parse(host() + "/team/base:" + tag);
    RegistryAttempts attempts = new RegistryAttempts(RegistryAuthProvider.of(RegistryLocation.of(reference), credentials,
        Optional.empty()), RetryPolicy.of(1, Duration.ZERO), d -> { });
    return new RemoteImageCheck(RemoteImageCheck.newHttpClient(Duration.ofSeconds(5)), reference, attempts, Duration.ofSeconds(5)).call();
  }

  @Test
  void call_bearerChallenge_fetchesTokenWithCredentials() throws Exception {
    RegistryCredentials ci = RegistryCredentials.usernamePassword("ci", Secret.of(PASSWORD), "test");

    assertThat(check("present", ci)).isTrue();
    assertThat(check("absent", ci)).isFalse();
    assertThat(seen).contains("HEAD /v2/team/base/manifests/present",
        "token service=test-registry&scope=repository:team/base:pull");
  }

  @Test
  void call_bearerChallengeWrongPassword_isUnauthorized() {
    RegistryCredentials wrong = RegistryCredentials.usernamePassword("ci", Secret.of("nope-" + PASSWORD), "test");

    RegistryUnauthorizedException e = assertThrows(RegistryUnauthorizedException.class, () -> check("present", wrong));

    assertThat(e.getMessage()).contains("refused the username/password from test").doesNotContain(PASSWORD).doesNotContain(TOKEN);
  }

  @Test
  void isLoopback_onlyLiteralLoopbackAddressesUsePlainHttp() {
    assertThat(RemoteImageCheck.isLoopback("127.0.0.1:5000")).isTrue();
    assertThat(RemoteImageCheck.isLoopback("127.1.2.3")).isTrue();
    assertThat(RemoteImageCheck.isLoopback("localhost:5000")).isTrue();
    assertThat(RemoteImageCheck.isLoopback("[::1]:5000")).isTrue();
    assertThat(RemoteImageCheck.isLoopback("registry.example.com:5000")).isFalse();
    assertThat(RemoteImageCheck.isLoopback("10.0.0.1:5000")).isFalse();
  }
}
