package io.jenkins.plugins.esperanto.cli;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

/**
 * A Unix-socket proxy in front of the real Docker Engine that forwards every request, except that
 * the first request whose request line matches {@code hold} is never passed on: the client waits
 * for its answer for ever (or, with {@link #cutting}, its connection is closed, as when the daemon
 * goes away). That pins a CLI process in one phase (build, save, push, pull, create), so that a
 * test can signal it there. Everything else reaches the real daemon unchanged.
 */
final class PausingDockerProxy implements AutoCloseable {
  private static final Path DAEMON = Path.of("/var/run/docker.sock");

  private final ServerSocketChannel server;
  private volatile Pattern hold;
  private final CountDownLatch held = new CountDownLatch(1);
  private final Path socket;
  private final AtomicInteger connections = new AtomicInteger();
  private volatile boolean cut;

  PausingDockerProxy(Path socket, Pattern hold) throws IOException {
    this.socket = socket;
    this.hold = hold;
    this.server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
    server.bind(UnixDomainSocketAddress.of(socket));
    Thread accept = new Thread(this::acceptLoop, "docker-proxy-accept");
    accept.setDaemon(true);
    accept.start();
  }

  /** Closes the matching request's connection instead of holding it. */
  PausingDockerProxy cutting() {
    this.cut = true;
    return this;
  }

  /** {@code DOCKER_HOST} for a client of this proxy. */
  String dockerHost() {
    return "unix://" + socket;
  }

  /** From now on, holds (or cuts) the first request whose request line matches {@code hold}. */
  PausingDockerProxy holding(Pattern hold) {
    this.hold = hold;
    return this;
  }

  /** How many connections clients have opened to this proxy so far. */
  int connections() {
    return connections.get();
  }

  /** Waits until the held request has arrived. */
  boolean awaitHeld(long seconds) throws InterruptedException {
    return held.await(seconds, TimeUnit.SECONDS);
  }

  private void acceptLoop() {
    while (server.isOpen()) {
      try {
        SocketChannel client = server.accept();
        connections.incrementAndGet();
        SocketChannel daemon = SocketChannel.open(UnixDomainSocketAddress.of(DAEMON));
        pump(client, daemon, true);
        pump(daemon, client, false);
      } catch (IOException e) {
        return;
      }
    }
  }

  private void pump(SocketChannel from, SocketChannel to, boolean requests) {
    Thread thread = new Thread(() -> {
      ByteBuffer buffer = ByteBuffer.allocate(64 * 1024);
      try (from; to) {
        while (from.read(buffer) >= 0) {
          buffer.flip();
          if (requests && held.getCount() > 0 && holds(buffer)) {
            held.countDown();
            if (cut) {
              return; // closes both sides
            }
            Thread.sleep(Long.MAX_VALUE);
          }
          while (buffer.hasRemaining()) {
            to.write(buffer);
          }
          buffer.clear();
        }
      } catch (IOException | InterruptedException e) {
        // either side closed: the other is closed with it
      }
    }, "docker-proxy-pump");
    thread.setDaemon(true);
    thread.start();
  }

  private boolean holds(ByteBuffer buffer) {
    String start = StandardCharsets.ISO_8859_1.decode(buffer.duplicate()).toString();
    int end = start.indexOf("\r\n");
    return end > 0 && hold.matcher(start.substring(0, end)).matches();
  }

  @Override
  public void close() throws IOException {
    server.close();
  }
}
