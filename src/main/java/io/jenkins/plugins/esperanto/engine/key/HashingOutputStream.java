package io.jenkins.plugins.esperanto.engine.key;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * Writes through to another stream while computing the sha256 and length of what passed.
 *
 * <p>Bytes are gathered in 1 MiB chunks; each full chunk is written by the caller's thread and
 * hashed by a helper thread, so that hashing overlaps reading the sources and writing the tar
 * (sha256 is the larger cost). A chunk is reused only after both are done with it, and at most
 * {@link #CHUNKS} chunks exist, so memory stays fixed whatever the size of the stream.
 */
final class HashingOutputStream extends OutputStream {
  private static final int CHUNK_SIZE = 1 << 20;
  private static final int CHUNKS = 3;

  private final OutputStream out;
  private final BlockingQueue<byte[]> free = new ArrayBlockingQueue<>(CHUNKS);
  private final BlockingQueue<Chunk> toHash = new ArrayBlockingQueue<>(CHUNKS + 1);
  private final Thread hasher;
  private volatile String hexDigest;
  private byte[] current = new byte[CHUNK_SIZE];
  private int fill;
  private long count;
  private boolean closed;

  /** A filled chunk; {@code length < 0} marks the end of the stream. */
  private static final class Chunk {
    final byte[] data;
    final int length;

    Chunk(byte[] data, int length) {
      this.data = data;
      this.length = length;
    }
  }

  HashingOutputStream(OutputStream out) {
    this.out = out;
    for (int i = 1; i < CHUNKS; i++) {
      free.add(new byte[CHUNK_SIZE]);
    }
    this.hasher = new Thread(this::hashChunks, "esperanto-context-sha256");
    hasher.setDaemon(true);
    hasher.start();
  }

  static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }

  private void hashChunks() {
    MessageDigest digest = sha256();
    try {
      while (true) {
        Chunk chunk = toHash.take();
        if (chunk.length < 0) {
          hexDigest = HexFormat.of().formatHex(digest.digest());
          return;
        }
        digest.update(chunk.data, 0, chunk.length);
        free.put(chunk.data);
      }
    } catch (InterruptedException e) {
      // Only close() of an abandoned stream interrupts; no digest is wanted then.
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void write(int b) throws IOException {
    write(new byte[] {(byte) b}, 0, 1);
  }

  @Override
  public void write(byte[] b, int off, int len) throws IOException {
    ensureOpen();
    while (len > 0) {
      int n = Math.min(len, CHUNK_SIZE - fill);
      System.arraycopy(b, off, current, fill, n);
      fill += n;
      off += n;
      len -= n;
      count += n;
      if (fill == CHUNK_SIZE) {
        handOver();
      }
    }
  }

  /** Writes the current chunk, queues it for hashing and takes a free one. */
  private void handOver() throws IOException {
    out.write(current, 0, fill);
    try {
      toHash.put(new Chunk(current, fill));
      current = free.take();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while hashing the build context");
    }
    fill = 0;
  }

  @Override
  public void flush() throws IOException {
    out.flush();
  }

  /** Writes and hashes what is left, waits for the digest, closes the underlying stream. */
  @Override
  public void close() throws IOException {
    if (closed) {
      return;
    }
    closed = true;
    try (out) {
      if (fill > 0) {
        handOver();
      }
      toHash.put(new Chunk(null, -1));
      hasher.join();
    } catch (InterruptedException e) {
      hasher.interrupt();
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while hashing the build context");
    } catch (IOException | RuntimeException e) {
      hasher.interrupt();
      throw e;
    }
  }

  private void ensureOpen() throws IOException {
    if (closed) {
      throw new IOException("stream closed");
    }
  }

  /**
   * Hex sha256 of everything written.
   *
   * @throws IllegalStateException before {@link #close()} has completed
   */
  String hexDigest() {
    if (hexDigest == null) {
      throw new IllegalStateException("the digest is known once the stream is closed");
    }
    return hexDigest;
  }

  long count() {
    return count;
  }
}
