package io.jenkins.plugins.esperanto.engine.run;

import io.jenkins.plugins.esperanto.engine.docker.DockerEndpoint;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.StandardProtocolFamily;
import java.net.URI;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;

/**
 * A hijacked Engine API connection (attach, exec start) that can send end-of-file on stdin.
 *
 * <p>Why not docker-java's: its zerodep transport (3.7.1) never half-closes the connection
 * when the stdin stream ends, so a command reading stdin ({@code cat}) would wait forever.
 * This class speaks the upgrade request itself over the daemon's Unix socket (or plain TCP),
 * pumps stdin, and shuts the write side down at end-of-file as the {@code docker} CLI does.
 * The daemon is the one the caller's client talks to ({@link DockerEndpoint}), never another: when
 * the connection cannot be made, {@link #open} fails and so does the caller. Over TLS ({@link
 * #reaches} is false) callers use docker-java's stream on the same client instead, and a command
 * reading stdin gets its end only when the container ends.
 */
final class HijackedStream implements Closeable {
  private final SocketChannel channel;
  private final Socket socket;
  private final InputStream in;
  private final OutputStream out;

  private HijackedStream(SocketChannel channel, Socket socket) throws IOException {
    this.channel = channel;
    this.socket = socket;
    this.in = channel != null ? new ChannelInput(channel) : socket.getInputStream();
    this.out = channel != null ? new ChannelOutput(channel) : socket.getOutputStream();
  }

  /** True when this class can open a stream to {@code endpoint}: a Unix socket or plain TCP. */
  static boolean reaches(DockerEndpoint endpoint) {
    return !endpoint.tls();
  }

  /**
   * Sends {@code POST path} to {@code endpoint} with a JSON body (may be null) asking for an upgraded stream.
   *
   * @throws IOException when the daemon cannot be reached or refuses the request
   */
  static HijackedStream open(DockerEndpoint endpoint, String path, String jsonBody) throws IOException {
    HijackedStream stream = connect(endpoint);
    try {
      byte[] body = jsonBody == null ? new byte[0] : jsonBody.getBytes(StandardCharsets.UTF_8);
      String head = "POST " + path + " HTTP/1.1\r\nHost: docker\r\nConnection: Upgrade\r\n"
          + "Upgrade: tcp\r\nContent-Type: application/json\r\nContent-Length: " + body.length + "\r\n\r\n";
      stream.out.write(head.getBytes(StandardCharsets.US_ASCII));
      stream.out.write(body);
      stream.out.flush();
      String status = stream.readHead();
      if (!status.startsWith("HTTP/1.1 101") && !status.startsWith("HTTP/1.1 200")) {
        throw new IOException("daemon answered " + status);
      }
      return stream;
    } catch (IOException | RuntimeException e) {
      stream.close();
      throw e;
    }
  }

  private static HijackedStream connect(DockerEndpoint endpoint) throws IOException {
    if (!reaches(endpoint)) {
      throw new IOException("cannot open a stream of its own over TLS");
    }
    URI uri = endpoint.uri();
    if ("unix".equals(uri.getScheme())) {
      SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX);
      try {
        channel.connect(UnixDomainSocketAddress.of(uri.getPath()));
      } catch (IOException | RuntimeException e) {
        channel.close();
        throw e;
      }
      return new HijackedStream(channel, null);
    }
    Socket socket = new Socket();
    try {
      socket.connect(new InetSocketAddress(uri.getHost(), uri.getPort() < 0 ? 2375 : uri.getPort()), 5000);
    } catch (IOException | RuntimeException e) {
      socket.close();
      throw e;
    }
    return new HijackedStream(null, socket);
  }

  /** Reads the status line and headers; returns the status line. */
  private String readHead() throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    int matched = 0;
    while (matched < 4) {
      int b = in.read();
      if (b < 0) {
        throw new EOFException("connection closed during the response head");
      }
      head.write(b);
      matched = (b == (matched % 2 == 0 ? '\r' : '\n')) ? matched + 1 : (b == '\r' ? 1 : 0);
    }
    String text = head.toString(StandardCharsets.US_ASCII);
    return text.substring(0, text.indexOf("\r\n"));
  }

  /**
   * Copies {@code stdin} to the stream on a daemon thread, then, if {@code halfClose}, shuts
   * the write side (end-of-file). Not for a terminal: there the daemon would end the whole
   * attachment, output included, and Ctrl-D already means end-of-file.
   */
  void pumpStdin(InputStream stdin, String name, boolean halfClose) {
    Thread pump = new Thread(() -> {
      byte[] buffer = new byte[8192];
      try {
        int n;
        while ((n = stdin.read(buffer)) >= 0) {
          out.write(buffer, 0, n);
          out.flush();
        }
        if (halfClose && channel != null) {
          channel.shutdownOutput();
        } else if (halfClose) {
          socket.shutdownOutput();
        }
      } catch (IOException e) {
        // The container ended (connection closed) before stdin did: nothing left to feed.
      }
    }, name);
    pump.setDaemon(true);
    pump.start();
  }

  /**
   * Copies the container's output until it ends: demultiplexed into stdout and stderr, or raw
   * to stdout for a terminal.
   */
  void copyOutput(boolean multiplexed, OutputStream stdout, OutputStream stderr) throws IOException {
    byte[] buffer = new byte[8192];
    if (!multiplexed) {
      int n;
      while ((n = in.read(buffer)) >= 0) {
        stdout.write(buffer, 0, n);
        stdout.flush();
      }
      return;
    }
    byte[] header = new byte[8];
    while (readFully(header, 8)) {
      OutputStream target = header[0] == 2 ? stderr : stdout;
      long size = ByteBuffer.wrap(header, 4, 4).getInt() & 0xffffffffL;
      while (size > 0) {
        int n = in.read(buffer, 0, (int) Math.min(buffer.length, size));
        if (n < 0) {
          throw new EOFException("output frame cut short");
        }
        target.write(buffer, 0, n);
        size -= n;
      }
      target.flush();
    }
  }

  private boolean readFully(byte[] into, int length) throws IOException {
    int done = 0;
    while (done < length) {
      int n = in.read(into, done, length - done);
      if (n < 0) {
        if (done == 0) {
          return false;
        }
        throw new EOFException("output frame header cut short");
      }
      done += n;
    }
    return true;
  }

  @Override
  public void close() {
    try {
      if (channel != null) {
        channel.close();
      } else {
        socket.close();
      }
    } catch (IOException e) {
      // Closing a broken connection: nothing to do.
    }
  }

  /** Reads the channel directly: Channels.newInputStream would lock out the writing thread. */
  private static final class ChannelInput extends InputStream {
    private final SocketChannel channel;

    ChannelInput(SocketChannel channel) {
      this.channel = channel;
    }

    @Override
    public int read() throws IOException {
      byte[] one = new byte[1];
      return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      if (len == 0) {
        return 0;
      }
      int n;
      do {
        n = channel.read(ByteBuffer.wrap(b, off, len));
      } while (n == 0);
      return n;
    }
  }

  private static final class ChannelOutput extends OutputStream {
    private final SocketChannel channel;

    ChannelOutput(SocketChannel channel) {
      this.channel = channel;
    }

    @Override
    public void write(int b) throws IOException {
      write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      ByteBuffer buffer = ByteBuffer.wrap(b, off, len);
      while (buffer.hasRemaining()) {
        channel.write(buffer);
      }
    }
  }
}
