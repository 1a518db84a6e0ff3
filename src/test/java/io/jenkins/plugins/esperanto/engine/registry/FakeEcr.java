package io.jenkins.plugins.esperanto.engine.registry;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A local ECR endpoint for the real AWS SDK (pointed at it with {@code endpointOverride}):
 * answers {@code GetAuthorizationToken} and {@code CreateRepository} in the AWS JSON 1.1
 * protocol. Every request must carry a SigV4 {@code Authorization} header naming the expected
 * access key id, else it answers 403 and records the violation.
 */
final class FakeEcr implements AutoCloseable {
  static final String TOKEN_TARGET = "AmazonEC2ContainerRegistry_V20150921.GetAuthorizationToken";
  static final String CREATE_TARGET = "AmazonEC2ContainerRegistry_V20150921.CreateRepository";

  /** One scripted answer. */
  record Answer(int status, String body) {}

  private final HttpServer server;
  private final String expectedKeyId;
  private final String account;
  private final Deque<Answer> script = new ArrayDeque<>();
  private final List<String> violations = Collections.synchronizedList(new ArrayList<>());
  private final List<String> repositories = Collections.synchronizedList(new ArrayList<>());
  private final AtomicInteger tokenCalls = new AtomicInteger();
  private final java.util.concurrent.atomic.AtomicLong streamed = new java.util.concurrent.atomic.AtomicLong();
  private volatile long endless;
  private volatile Answer standing;

  FakeEcr(String expectedKeyId, String account) throws IOException {
    this.expectedKeyId = expectedKeyId;
    this.account = account;
    this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/", this::handle);
    server.start();
  }

  URI endpoint() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  /** From now on, every token request gets a token for {@code password} expiring at {@code expiresAt}. */
  void issue(String password, Instant expiresAt) {
    standing = tokenAnswer(password, expiresAt);
  }

  /** The next token request (only) gets this token. */
  void issueOnce(String password, Instant expiresAt) {
    script.addLast(tokenAnswer(password, expiresAt));
  }

  /** From now on, every token request fails with {@code 400 {"__type": type}}. */
  void failWith(String type, String message) {
    standing = new Answer(400, "{\"__type\":\"" + type + "\",\"message\":\"" + message + "\"}");
  }

  /** From now on, every token request gets a 200 whose token is {@code bytes} long, streamed (a hostile endpoint). */
  void answerEndlessly(long bytes) {
    endless = bytes;
  }

  /** Bytes of endless answers the client let this endpoint write. */
  long streamed() {
    return streamed.get();
  }

  int tokenCalls() {
    return tokenCalls.get();
  }

  List<String> violations() {
    return violations;
  }

  List<String> createdRepositories() {
    return repositories;
  }

  private Answer tokenAnswer(String password, Instant expiresAt) {
    String token = Base64.getEncoder().encodeToString(("AWS:" + password).getBytes(StandardCharsets.UTF_8));
    return new Answer(200, "{\"authorizationData\":[{\"authorizationToken\":\"" + token + "\",\"expiresAt\":"
        + expiresAt.getEpochSecond() + ",\"proxyEndpoint\":\"https://" + account + ".dkr.ecr.eu-north-1.amazonaws.com\"}]}");
  }

  private void handle(HttpExchange exchange) throws IOException {
    String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
    String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
    String authorization = exchange.getRequestHeaders().getFirst("Authorization");
    Answer answer;
    if (!"POST".equals(exchange.getRequestMethod()) || !"/".equals(exchange.getRequestURI().getPath())) {
      violations.add("unexpected request " + exchange.getRequestMethod() + " " + exchange.getRequestURI());
      answer = new Answer(404, "{\"__type\":\"UnknownOperationException\"}");
    } else if (authorization == null || !authorization.startsWith("AWS4-HMAC-SHA256 ")
        || !authorization.contains("Credential=" + expectedKeyId + "/")) {
      violations.add("missing or wrong SigV4 Authorization header for " + target);
      answer = new Answer(403, "{\"__type\":\"UnrecognizedClientException\",\"message\":\"bad signature\"}");
    } else if (TOKEN_TARGET.equals(target)) {
      tokenCalls.incrementAndGet();
      Answer next = script.pollFirst();
      answer = next != null ? next : standing;
      if (answer == null) {
        answer = new Answer(400, "{\"__type\":\"ServerException\",\"message\":\"nothing scripted\"}");
      }
    } else if (CREATE_TARGET.equals(target)) {
      String name = body.replaceAll(".*\"repositoryName\"\\s*:\\s*\"([^\"]+)\".*", "$1");
      if (repositories.contains(name)) {
        answer = new Answer(400, "{\"__type\":\"RepositoryAlreadyExistsException\",\"message\":\"exists\"}");
      } else {
        repositories.add(name);
        answer = new Answer(200, "{\"repository\":{\"repositoryName\":\"" + name + "\",\"registryId\":\"" + account + "\"}}");
      }
    } else {
      violations.add("unexpected target " + target);
      answer = new Answer(400, "{\"__type\":\"UnknownOperationException\"}");
    }
    exchange.getResponseHeaders().set("Content-Type", "application/x-amz-json-1.1");
    if (TOKEN_TARGET.equals(target) && endless > 0) {
      stream(exchange);
      return;
    }
    byte[] bytes = answer.body().getBytes(StandardCharsets.UTF_8);
    exchange.sendResponseHeaders(answer.status(), bytes.length);
    exchange.getResponseBody().write(bytes);
    exchange.close();
  }

  private void stream(HttpExchange exchange) {
    try (exchange) {
      exchange.sendResponseHeaders(200, 0);
      exchange.getResponseBody().write("{\"authorizationData\":[{\"authorizationToken\":\"".getBytes(StandardCharsets.UTF_8));
      byte[] chunk = new byte[64 * 1024];
      java.util.Arrays.fill(chunk, (byte) 'A');
      for (long sent = 0; sent < endless; sent += chunk.length) {
        exchange.getResponseBody().write(chunk);
        streamed.addAndGet(chunk.length);
      }
      exchange.getResponseBody().write("\"}]}".getBytes(StandardCharsets.UTF_8));
    } catch (IOException clientHungUp) {
      // expected once the client stops reading
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
