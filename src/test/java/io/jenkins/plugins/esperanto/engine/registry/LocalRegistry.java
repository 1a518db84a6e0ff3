package io.jenkins.plugins.esperanto.engine.registry;

import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * JUnit 5 extension: a real registry (Debian's {@code docker-registry}, distribution 2.8) on
 * 127.0.0.1 with a free port, its own storage folder and bcrypt htpasswd authentication; started
 * before the class's tests, stopped and deleted after. Fails (never skips) when the binary is
 * missing. Passwords reach {@code htpasswd -niB} on stdin, never in an argv.
 */
final class LocalRegistry implements BeforeAllCallback, AfterAllCallback {
  static final Path BINARY = Path.of("/usr/bin/docker-registry");
  private static final String ALPHABET = "abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789$!%&*";

  private final Map<String, String> users = new LinkedHashMap<>();
  private Path dir;
  private Process process;
  private int port;

  /** A registry with users {@code esperanto} and {@code AWS} (the ECR user), random passwords. */
  LocalRegistry() {
    users.put("esperanto", randomPassword());
    users.put("AWS", randomPassword());
  }

  static String randomPassword() {
    SecureRandom random = new SecureRandom();
    StringBuilder out = new StringBuilder("pw-");
    for (int i = 0; i < 24; i++) {
      out.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
    }
    return out.append('$').toString(); // '$' broke the old plugins' docker login
  }

  @Override
  public void beforeAll(ExtensionContext context) throws Exception {
    if (!Files.isExecutable(BINARY)) {
      fail(BINARY + " is missing; run scripts/test-env (it installs Debian's docker-registry and apache2-utils)");
    }
    dir = Files.createTempDirectory("esperanto-registry-");
    Files.createDirectories(dir.resolve("data"));
    writeHtpasswd();
    port = freePort();
    Files.writeString(dir.resolve("config.yml"), String.join("\n",
        "version: 0.1",
        "log: {level: warn, accesslog: {disabled: true}}",
        "storage: {filesystem: {rootdirectory: " + dir.resolve("data") + "}, delete: {enabled: true}}",
        "http: {addr: 127.0.0.1:" + port + ", secret: test-only}",
        "auth: {htpasswd: {realm: test, path: " + dir.resolve("htpasswd") + "}}", ""));
    process = new ProcessBuilder(BINARY.toString(), "serve", dir.resolve("config.yml").toString())
        .redirectErrorStream(true).redirectOutput(dir.resolve("registry.log").toFile()).start();
    waitUntilAnswering();
  }

  private void writeHtpasswd() throws IOException, InterruptedException {
    StringBuilder entries = new StringBuilder();
    for (Map.Entry<String, String> user : users.entrySet()) {
      if (!Files.isExecutable(Path.of("/usr/bin/htpasswd"))) {
        fail("/usr/bin/htpasswd is missing; run scripts/test-env (it installs apache2-utils)");
      }
      Process htpasswd = new ProcessBuilder("/usr/bin/htpasswd", "-niB", user.getKey()).start();
      htpasswd.getOutputStream().write((user.getValue() + "\n").getBytes(StandardCharsets.UTF_8));
      htpasswd.getOutputStream().close();
      String line = new String(htpasswd.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
      if (htpasswd.waitFor() != 0 || !line.startsWith(user.getKey() + ":$2")) {
        fail("htpasswd -niB did not produce a bcrypt entry for " + user.getKey());
      }
      entries.append(line).append('\n');
    }
    Files.writeString(dir.resolve("htpasswd"), entries);
  }

  private void waitUntilAnswering() throws Exception {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        fail("docker-registry exited at start: " + Files.readString(dir.resolve("registry.log")));
      }
      try {
        HttpResponse<Void> r = http.send(HttpRequest.newBuilder(URI.create("http://" + host() + "/v2/")).build(),
            HttpResponse.BodyHandlers.discarding());
        if (r.statusCode() == 401) {
          return;
        }
      } catch (IOException e) {
        // not listening yet
      }
      Thread.sleep(100);
    }
    fail("docker-registry did not answer on " + host() + " within 20 s");
  }

  @Override
  public void afterAll(ExtensionContext context) throws Exception {
    if (process != null) {
      process.destroy();
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    }
    if (dir != null) {
      try (Stream<Path> walk = Files.walk(dir)) {
        for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
          Files.deleteIfExists(p);
        }
      }
    }
  }

  static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  /** {@code 127.0.0.1:<port>}. */
  String host() {
    return "127.0.0.1:" + port;
  }

  String password(String user) {
    return users.get(user);
  }

  /** Every password, for the secret scan. */
  List<String> secrets() {
    return new ArrayList<>(users.values());
  }

  /** The registry's process id (its argv is checked by the secret scan). */
  long pid() {
    return process.pid();
  }
}
