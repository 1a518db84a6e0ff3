package io.jenkins.plugins.esperanto.engine.docker;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.net.URI;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * {@code GET /_ping} over a plain socket, bounded in time, before any docker-java client exists:
 * a dead or hung daemon is reported within the timeout, and the check costs one round trip
 * rather than a second HTTP client. Only {@code unix://} and plain {@code tcp://} hosts are
 * handled here; TLS hosts are checked by the HTTP client itself.
 */
final class EnginePing {
  private EnginePing() {}

  /** Empty when the engine answered HTTP 200; else what went wrong. */
  static Optional<String> ping(URI host, Duration timeout) throws InterruptedException {
    ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
      Thread thread = new Thread(r, "esperanto-docker-ping");
      thread.setDaemon(true);
      return thread;
    });
    try {
      Future<Optional<String>> answer = executor.submit(() -> exchange(host));
      return answer.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      return Optional.of("no answer within " + timeout.toSeconds() + " s");
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      return Optional.of(cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage());
    } finally {
      executor.shutdownNow();
    }
  }

  /** True for the hosts {@link #ping} can check. */
  static boolean handles(URI host) {
    return "unix".equals(host.getScheme()) || "tcp".equals(host.getScheme());
  }

  private static Optional<String> exchange(URI host) throws IOException {
    SocketAddress address;
    SocketChannel channel;
    if ("unix".equals(host.getScheme())) {
      address = UnixDomainSocketAddress.of(host.getPath());
      channel = SocketChannel.open(StandardProtocolFamily.UNIX);
    } else {
      address = new InetSocketAddress(host.getHost(), host.getPort() < 0 ? 2375 : host.getPort());
      channel = SocketChannel.open();
    }
    try (channel) {
      channel.connect(address);
      channel.write(ByteBuffer.wrap("GET /_ping HTTP/1.0\r\nHost: docker\r\n\r\n".getBytes(StandardCharsets.US_ASCII)));
      ByteBuffer buffer = ByteBuffer.allocate(64);
      while (buffer.hasRemaining() && channel.read(buffer) >= 0) {
        if (new String(buffer.array(), 0, buffer.position(), StandardCharsets.US_ASCII).contains("\r\n")) {
          break;
        }
      }
      String response = new String(buffer.array(), 0, buffer.position(), StandardCharsets.US_ASCII);
      String statusLine = response.contains("\r\n") ? response.substring(0, response.indexOf("\r\n")) : response;
      return statusLine.matches("HTTP/1\\.[01] 200.*") ? Optional.empty() : Optional.of("answered '" + statusLine + "'");
    }
  }
}
