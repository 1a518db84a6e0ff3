package io.jenkins.plugins.esperanto.doubles;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * A real registry with real authentication: Debian's docker-registry (distribution 2.8) with one
 * bcrypt htpasswd user, on 127.0.0.1 (which Docker treats as insecure, so HTTP works). Installed by
 * scripts/test-env; a missing binary fails the test.
 */
public final class TestRegistry implements AutoCloseable {
  public final String user = "glue-bot";
  public final String password = "pw-" + Long.toHexString(Double.doubleToLongBits(Math.random())) + "$x";
  public final String host;
  private final Process process;

  public TestRegistry() throws Exception {
    Path dir = Files.createTempDirectory("esperanto-glue-registry");
    Process htpasswd = new ProcessBuilder("/usr/bin/htpasswd", "-niB", user).start();
    htpasswd.getOutputStream().write((password + "\n").getBytes(StandardCharsets.UTF_8));
    htpasswd.getOutputStream().close();
    Files.write(dir.resolve("htpasswd"), htpasswd.getInputStream().readAllBytes());
    if (htpasswd.waitFor() != 0) {
      throw new IllegalStateException("htpasswd failed; run scripts/test-env");
    }
    int port;
    try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      port = socket.getLocalPort();
    }
    host = "127.0.0.1:" + port;
    Files.writeString(dir.resolve("config.yml"), "version: 0.1\nlog: {level: warn}\n"
        + "storage: {filesystem: {rootdirectory: " + dir.resolve("data") + "}, delete: {enabled: true}}\n"
        + "http: {addr: " + host + ", secret: test-only}\n"
        + "auth: {htpasswd: {realm: test, path: " + dir.resolve("htpasswd") + "}}\n");
    process = new ProcessBuilder("/usr/bin/docker-registry", "serve", dir.resolve("config.yml").toString())
        .redirectErrorStream(true).redirectOutput(dir.resolve("registry.log").toFile()).start();
    awaitAnswer();
  }

  private void awaitAnswer() throws Exception {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
    for (int i = 0; i < 200 && process.isAlive(); i++) {
      try {
        if (http.send(HttpRequest.newBuilder(URI.create("http://" + host + "/v2/")).build(),
            HttpResponse.BodyHandlers.discarding()).statusCode() == 401) {
          return;
        }
      } catch (IOException notYet) {
        Thread.sleep(100);
      }
    }
    throw new IllegalStateException("docker-registry did not answer on " + host);
  }

  @Override
  public void close() throws Exception {
    process.destroy();
    process.waitFor();
  }
}
