package io.jenkins.plugins.esperanto.engine.registry;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.api.DockerClient;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.jenkins.plugins.esperanto.engine.docker.DockerConnection;
import io.jenkins.plugins.esperanto.engine.docker.DockerEndpoint;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 10, item 9: registry credentials go to the one registry they are for. The real Docker
 * Engine and a real registry with bcrypt auth ({@link LocalRegistry}) take them; a second
 * registry on another port, with its own Bearer token service, records every request it gets
 * (through the daemon's pull and through our own lookup) and must never see them.
 */
class CredentialScopeTest {
  @RegisterExtension static final LocalRegistry REGISTRY = new LocalRegistry();
  private static final String PREFIX = DockerCli.uniquePrefix();
  private static final List<String> CREATED = Collections.synchronizedList(new ArrayList<>());
  private static DockerClient docker;

  @TempDir Path home;
  private Recorder other;
  private final SecretScan scan = new SecretScan();

  @BeforeAll
  static void connect() throws Exception {
    docker = DockerConnection.connect(DockerEndpoint.resolve(Optional.empty(), System.getenv()));
  }

  @AfterAll
  static void cleanUp() throws Exception {
    DockerCli.removeImages(CREATED.toArray(String[]::new));
    docker.close();
  }

  @BeforeEach
  void startOtherRegistry() throws IOException {
    other = new Recorder();
    REGISTRY.secrets().forEach(scan::secret);
  }

  @AfterEach
  void stopOtherRegistry() {
    other.close();
    scan.assertClean();
  }

  private Map<String, String> environment(String... more) {
    Map<String, String> env = new java.util.HashMap<>(Map.of("ESPERANTO_REGISTRY_USERNAME", "esperanto",
        "ESPERANTO_REGISTRY_PASSWORD", REGISTRY.password("esperanto")));
    for (int i = 0; i < more.length; i += 2) {
      env.put(more[i], more[i + 1]);
    }
    return env;
  }

  private RegistryClient client(RegistryLocation location, RegistryCredentials credentials) {
    return RegistryClient.builder(docker, RegistryAuthProvider.of(location, credentials, Optional.empty()))
        .progress(ProgressOutput.lines(scan.sink(), Duration.ZERO)).retry(RetryPolicy.of(1, Duration.ZERO))
        .lookupTimeout(Duration.ofSeconds(5)).build();
  }

  /** Asks the other registry for an image the way a build would: look it up, then pull it through the daemon. */
  private void touchOther(RegistryClient client, ImageReference reference) {
    try {
      client.exists(reference);
    } catch (RegistryException expected) {
      scan.error(expected);
    }
    try {
      client.pull(reference);
    } catch (RegistryException expected) {
      scan.error(expected);
    }
  }

  @Test
  void environmentCredentials_scopedByRegistryHost_reachOnlyThatRegistry() throws Exception {
    CredentialsResolver resolver = CredentialsResolver.of(environment("ESPERANTO_REGISTRY_HOST", REGISTRY.host()),
        home.resolve("config.yaml"));
    ImageReference elsewhere = ImageReference.parse(other.host() + "/team/base:t1");
    RegistryLocation otherLocation = RegistryLocation.of(elsewhere);

    touchOther(client(otherLocation, resolver.resolve(otherLocation, ExplicitCredentials.none())), elsewhere);
    RegistryLocation home = RegistryLocation.parse(REGISTRY.host() + "/" + PREFIX);
    ImageReference own = home.referenceFor("base", "t" + UUID.randomUUID().toString().substring(0, 8));
    CREATED.add(own.toString());
    DockerCli.buildTiny(own.toString());
    String digest = client(home, resolver.resolve(home, ExplicitCredentials.none())).push(own);

    assertThat(other.requests()).as("the other registry was asked (else this test proves nothing)").isNotEmpty();
    assertThat(other.credentialsSeen()).isEmpty();
    assertThat(digest).as("the credentials still work where they belong").startsWith("sha256:");
  }

  @Test
  void usernamePassword_forOneRegistry_neverSentToAnotherHost() throws Exception {
    // a client set up for the configured registry, asked about a reference on another host
    RegistryLocation configured = RegistryLocation.parse(REGISTRY.host() + "/" + PREFIX);
    RegistryCredentials credentials = RegistryCredentials.usernamePassword("esperanto",
        Secret.of(REGISTRY.password("esperanto")), "test");
    ImageReference elsewhere = ImageReference.parse(other.host() + "/team/base:t2");

    touchOther(client(configured, credentials), elsewhere);

    assertThat(other.requests()).isNotEmpty();
    assertThat(other.credentialsSeen()).isEmpty();
  }

  /**
   * A registry that challenges every request with its own Bearer token service and records
   * every Authorization header and every token request.
   */
  private static final class Recorder implements AutoCloseable {
    private final HttpServer server;
    private final List<String> requests = Collections.synchronizedList(new ArrayList<>());
    private final List<String> authorizations = Collections.synchronizedList(new ArrayList<>());

    Recorder() throws IOException {
      server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
      server.createContext("/", this::handle);
      server.start();
    }

    String host() {
      return "127.0.0.1:" + server.getAddress().getPort();
    }

    List<String> requests() {
      return requests;
    }

    /** Every Basic credential's user, and every other Authorization scheme that is not our own token. */
    List<String> credentialsSeen() {
      List<String> seen = new ArrayList<>();
      for (String header : authorizations) {
        if (header.regionMatches(true, 0, "Basic ", 0, 6)) {
          String pair = new String(Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
          seen.add("Basic credentials of user " + pair.substring(0, Math.max(0, pair.indexOf(':')))); // never the password
        } else if (!header.equals("Bearer recorder-token")) {
          seen.add(header.split(" ", 2)[0] + " credentials");
        }
      }
      return seen;
    }

    private void handle(HttpExchange exchange) throws IOException {
      String authorization = exchange.getRequestHeaders().getFirst("Authorization");
      requests.add(exchange.getRequestMethod() + " " + exchange.getRequestURI());
      if (authorization != null) {
        authorizations.add(authorization);
      }
      exchange.getRequestBody().readAllBytes();
      byte[] body;
      int status;
      exchange.getResponseHeaders().set("Content-Type", "application/json");
      exchange.getResponseHeaders().set("Docker-Distribution-API-Version", "registry/2.0");
      if (exchange.getRequestURI().getPath().equals("/token")) {
        status = 200;
        body = "{\"token\":\"recorder-token\"}".getBytes(StandardCharsets.UTF_8);
      } else if (authorization == null || !authorization.equals("Bearer recorder-token")) {
        status = 401;
        exchange.getResponseHeaders().set("WWW-Authenticate",
            "Bearer realm=\"http://" + host() + "/token\",service=\"recorder\",scope=\"repository:team/base:pull\"");
        body = "{\"errors\":[{\"code\":\"UNAUTHORIZED\",\"message\":\"authentication required\"}]}"
            .getBytes(StandardCharsets.UTF_8);
      } else {
        status = 404;
        body = "{\"errors\":[{\"code\":\"MANIFEST_UNKNOWN\",\"message\":\"manifest unknown\"}]}"
            .getBytes(StandardCharsets.UTF_8);
      }
      if (exchange.getRequestMethod().equals("HEAD")) {
        exchange.sendResponseHeaders(status, -1);
      } else {
        exchange.sendResponseHeaders(status, body.length);
        exchange.getResponseBody().write(body);
      }
      exchange.close();
    }

    @Override
    public void close() {
      server.stop(0);
    }
  }
}
