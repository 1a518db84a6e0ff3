package io.jenkins.plugins.esperanto.engine.key;

import java.io.IOException;
import java.io.OutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Writes through to another stream while computing the sha256 and length of what passed. */
final class HashingOutputStream extends OutputStream {
  private final OutputStream out;
  private final MessageDigest digest = sha256();
  private long count;

  HashingOutputStream(OutputStream out) {
    this.out = out;
  }

  static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }

  @Override
  public void write(int b) throws IOException {
    out.write(b);
    digest.update((byte) b);
    count++;
  }

  @Override
  public void write(byte[] b, int off, int len) throws IOException {
    out.write(b, off, len);
    digest.update(b, off, len);
    count += len;
  }

  @Override
  public void flush() throws IOException {
    out.flush();
  }

  @Override
  public void close() throws IOException {
    out.close();
  }

  /** Hex sha256 of everything written; call once, after the last write. */
  String hexDigest() {
    return HexFormat.of().formatHex(digest.digest());
  }

  long count() {
    return count;
  }
}
