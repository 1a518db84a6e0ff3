package io.jenkins.plugins.esperanto.engine.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Issue 10, item 7 (registry part): every body the engine reads into memory from a registry or
 * its token service is bounded. A local server plays a hostile registry whose token service,
 * tag list or manifest streams a body far larger than any real one; the client must stop
 * reading it early (the server counts what it could write) and fail with one line. Also: the
 * prune's token request, like the lookup's, sends credentials to a plain-HTTP token service only
 * on a loopback address.
 */
class RegistryResponseLimitTest {
  private static final long HUGE = 256L << 20;
  /** What a client may read past its limit before the socket stops taking data (kernel and JDK buffers). */
  private static final long SLACK = 16L << 20;
  private static final String PASSWORD = "pw-" + LocalRegistry.randomPassword();

  private HttpServer server;
  private final AtomicLong written = new AtomicLong();
  private final List<String> authorizations = Collections.synchronizedList(new ArrayList<>());
  private volatile String realmHost;
  private volatile String huge = "none";

  @BeforeEach
  void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress("0.0.0.0", 0), 0);
    server.createContext("/", this::handle);
    server.start();
    realmHost = loopbackHost();
  }

  @AfterEach
  void stop() {
    server.stop(0);
    if (!huge.equals("none")) {
      System.out.println("hostile " + huge + " body: the client let the server write " + written.get() + " bytes");
    }
  }

  private String loopbackHost() {
    return "127.0.0.1:" + server.getAddress().getPort();
  }

  private void handle(HttpExchange exchange) throws IOException {
    String path = exchange.getRequestURI().getPath();
    String authorization = exchange.getRequestHeaders().getFirst("Authorization");
    if (authorization != null) {
      authorizations.add(authorization);
    }
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    try (exchange) {
      if (path.equals("/token")) {
        if (huge.equals("token")) {
          stream(exchange, "{\"token\":\"");
        } else {
          answer(exchange, 200, "{\"token\":\"small\"}");
        }
      } else if (!"Bearer small".equals(authorization)) {
        exchange.getResponseHeaders().set("WWW-Authenticate",
            "Bearer realm=\"http://" + realmHost + "/token\",service=\"hostile\"");
        answer(exchange, 401, "{}");
      } else if (path.endsWith("/tags/list") && huge.equals("tags")) {
        stream(exchange, "{\"name\":\"team/base\",\"tags\":[\"");
      } else if (path.endsWith("/tags/list")) {
        answer(exchange, 200, "{\"name\":\"team/base\",\"tags\":[\"0123456789abcdef0123456789abcdef\"]}");
      } else if (path.contains("/manifests/") && huge.equals("manifest")) {
        stream(exchange, "{\"schemaVersion\":2,\"config\":{\"digest\":\"");
      } else {
        answer(exchange, 404, "{\"errors\":[{\"code\":\"MANIFEST_UNKNOWN\"}]}");
      }
    } catch (IOException clientHungUp) {
      // expected once the client stops reading
    }
  }

  private static void answer(HttpExchange exchange, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    if (exchange.getRequestMethod().equals("HEAD")) {
      exchange.sendResponseHeaders(status, -1);
      return;
    }
    exchange.sendResponseHeaders(status, bytes.length);
    exchange.getResponseBody().write(bytes);
  }

  /** A 200 with a JSON start and then {@link #HUGE} bytes of one string, chunked, counted as written. */
  private void stream(HttpExchange exchange, String start) throws IOException {
    exchange.sendResponseHeaders(200, 0);
    OutputStream out = exchange.getResponseBody();
    out.write(start.getBytes(StandardCharsets.UTF_8));
    byte[] chunk = new byte[64 * 1024];
    Arrays.fill(chunk, (byte) 'a');
    for (long sent = 0; sent < HUGE; sent += chunk.length) {
      out.write(chunk);
      written.addAndGet(chunk.length);
    }
    out.write("\"}".getBytes(StandardCharsets.UTF_8));
  }

  private ImageReference reference() throws Exception {
    return ImageReference.parse(loopbackHost() + "/team/base:0123456789abcdef0123456789abcdef");
  }

  private boolean lookUp(RegistryCredentials credentials) throws Exception {
    ImageReference reference = reference();
    RegistryAttempts attempts = new RegistryAttempts(RegistryAuthProvider.of(RegistryLocation.of(reference), credentials,
        Optional.empty()), RetryPolicy.of(1, Duration.ZERO), d -> { });
    return new RemoteImageCheck(RemoteImageCheck.newHttpClient(Duration.ofSeconds(5)), reference, attempts,
        Duration.ofSeconds(30)).call();
  }

  private void prune(RegistryCredentials credentials) throws Exception {
    RegistryLocation location = RegistryLocation.parse(loopbackHost() + "/team");
    new PruneRemoteTagsStep(location, RegistryAuthProvider.of(location, credentials, Optional.empty()),
        List.of("base"), 1, true, line -> { }).call();
  }

  @Test
  void lookUp_hugeTokenResponse_failsWithOneLineWithoutReadingIt() {
    huge = "token";

    RegistryException e = assertThrows(RegistryException.class, () -> lookUp(RegistryCredentials.anonymous()));

    assertThat(e.getMessage()).contains("larger than 1 MiB").doesNotContain("\n");
    assertThat(written.get()).as("bytes the client let the server write").isLessThan((1L << 20) + SLACK);
  }

  @ParameterizedTest
  @CsvSource({"token, 1", "tags, 8", "manifest, 8"})
  void prune_hugeBody_failsWithOneLineWithoutReadingIt(String what, int limitMiB) {
    huge = what;

    RegistryException e = assertThrows(RegistryException.class, () -> prune(RegistryCredentials.anonymous()));

    assertThat(e.getMessage()).contains("larger than " + limitMiB + " MiB").doesNotContain("\n");
    assertThat(written.get()).isLessThan(((long) limitMiB << 20) + SLACK);
  }

  @Test
  void prune_plainHttpTokenServiceOffLoopback_getsNoCredentials() throws Exception {
    realmHost = nonLoopbackAddress() + ":" + server.getAddress().getPort();
    RegistryCredentials ci = RegistryCredentials.usernamePassword("ci", Secret.of(PASSWORD), "test");

    try {
      prune(ci);
    } catch (RegistryException manifestUnknown) {
      // this registry has no manifests: only the token request matters here
    }

    String basic = "Basic " + Base64.getEncoder().encodeToString(("ci:" + PASSWORD).getBytes(StandardCharsets.UTF_8));
    assertThat(authorizations).as("the token service was asked").isNotEmpty()
        .allSatisfy(a -> assertThat(a).as("credentials in clear text to a remote token service").isNotEqualTo(basic));
  }

  private static String nonLoopbackAddress() throws IOException {
    for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
      for (InetAddress address : Collections.list(nic.getInetAddresses())) {
        if (address instanceof Inet4Address && !address.isLoopbackAddress() && nic.isUp()) {
          return address.getHostAddress();
        }
      }
    }
    throw new IllegalStateException("this machine has no non-loopback IPv4 address for the test");
  }
}
