package io.jenkins.plugins.esperanto.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 10, item 9, through the real command and the real Docker Engine:
 * {@code ESPERANTO_REGISTRY_USERNAME}/{@code PASSWORD} reach only the registry they are scoped
 * to. Another registry, with its own Bearer token service, records every Authorization header
 * that the daemon's pull and our lookup send it.
 */
class RegistryCredentialScopeCliTest {
  private static final String PASSWORD = "env-pw-" + Long.toHexString(System.nanoTime());

  @TempDir Path workspace;
  private HttpServer other;
  private final List<String> authorizations = Collections.synchronizedList(new ArrayList<>());
  private final List<String> requests = Collections.synchronizedList(new ArrayList<>());

  @BeforeEach
  void startOtherRegistry() throws IOException {
    other = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    other.createContext("/", this::handle);
    other.start();
  }

  @AfterEach
  void stop() {
    other.stop(0);
  }

  private String otherHost() {
    return "127.0.0.1:" + other.getAddress().getPort();
  }

  private void handle(HttpExchange exchange) throws IOException {
    String authorization = exchange.getRequestHeaders().getFirst("Authorization");
    requests.add(exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath());
    if (authorization != null) {
      authorizations.add(authorization);
    }
    try (exchange) {
      byte[] body;
      int status;
      if (exchange.getRequestURI().getPath().equals("/token")) {
        status = 200;
        body = "{\"token\":\"other-token\"}".getBytes(StandardCharsets.UTF_8);
      } else if (!"Bearer other-token".equals(authorization)) {
        status = 401;
        exchange.getResponseHeaders().set("WWW-Authenticate",
            "Bearer realm=\"http://" + otherHost() + "/token\",service=\"other\"");
        body = "{\"errors\":[{\"code\":\"UNAUTHORIZED\",\"message\":\"authentication required\"}]}"
            .getBytes(StandardCharsets.UTF_8);
      } else {
        status = 404;
        body = "{\"errors\":[{\"code\":\"MANIFEST_UNKNOWN\",\"message\":\"manifest unknown\"}]}"
            .getBytes(StandardCharsets.UTF_8);
      }
      exchange.getResponseHeaders().set("Content-Type", "application/json");
      if (exchange.getRequestMethod().equals("HEAD")) {
        exchange.sendResponseHeaders(status, -1);
      } else {
        exchange.sendResponseHeaders(status, body.length);
        exchange.getResponseBody().write(body);
      }
    }
  }

  @Test
  void pull_fromAnotherRegistry_neverSendsTheEnvironmentCredentials() throws Exception {
    CliProcess cli = new CliProcess(workspace, Map.of("ESPERANTO_REPOSITORY", "127.0.0.1:1/team",
        "ESPERANTO_REGISTRY_USERNAME", "ci", "ESPERANTO_REGISTRY_PASSWORD", PASSWORD));

    CliProcess.Result result = cli.run("pull", otherHost() + "/team/base:t1");

    assertThat(result.exitCode()).as(result.toString()).isNotZero();
    assertThat(requests).as("the other registry was asked").isNotEmpty();
    // only the scheme is shown on failure: the header itself would carry the password
    assertThat(authorizations.stream().filter(a -> !a.equals("Bearer other-token")).map(a -> a.split(" ", 2)[0]))
        .as("Authorization schemes other than the other registry's own token").isEmpty();
    assertThat(result.stdout() + result.stderr()).doesNotContain(PASSWORD);
  }

  @Test
  void pull_environmentCredentialsWithNoHost_isOneLineNamingTheVariable() throws Exception {
    CliProcess cli = new CliProcess(workspace, Map.of("ESPERANTO_REPOSITORY", "esperanto",
        "ESPERANTO_REGISTRY_USERNAME", "ci", "ESPERANTO_REGISTRY_PASSWORD", PASSWORD));

    CliProcess.Result result = cli.run("pull", otherHost() + "/team/base:t1");

    assertThat(result.exitCode()).as(result.toString()).isEqualTo(1);
    assertThat(result.stderr().strip()).as(result.toString()).startsWith("esperanto: Tried to use the registry credentials"
        + " from the environment").contains("set ESPERANTO_REGISTRY_HOST").doesNotContain("\n");
    assertThat(requests).as("nothing was sent anywhere").isEmpty();
  }
}
