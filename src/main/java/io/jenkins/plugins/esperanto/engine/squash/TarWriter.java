package io.jenkins.plugins.esperanto.engine.squash;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;

/**
 * Writes a deterministic tar: ustar headers, with a PAX header before any entry whose name,
 * link target, user or group name, uid, gid or size does not fit ustar, or that carries
 * PAX records of its own (xattrs). Same headers and data in, same bytes out.
 */
final class TarWriter {
  private static final int BLOCK = 512;
  private static final long MAX_OCTAL_7 = 07777777L;
  private static final long MAX_OCTAL_11 = 077777777777L;

  private final OutputStream out;

  TarWriter(OutputStream out) {
    this.out = out;
  }

  /** Writes {@code header} and exactly {@code header.size} bytes from {@code data}. */
  void write(TarHeader header, InputStream data) throws IOException {
    writeHeader(header);
    byte[] buffer = new byte[64 * 1024];
    long left = header.size;
    while (left > 0) {
      int n = data.read(buffer, 0, (int) Math.min(buffer.length, left));
      if (n < 0) {
        throw new IOException("data of " + header.name + " ends " + left + " bytes early");
      }
      out.write(buffer, 0, n);
      left -= n;
    }
    pad(header.size);
  }

  /** Writes an entry without data (directories, links, devices, markers). */
  void write(TarHeader header) throws IOException {
    if (header.size != 0) {
      throw new IllegalArgumentException("entry " + header.name + " needs data");
    }
    writeHeader(header);
  }

  /** Writes the end-of-archive marker (two zero blocks). Does not close the stream. */
  void finish() throws IOException {
    out.write(new byte[2 * BLOCK]);
    out.flush();
  }

  /** The header bytes (with any PAX header) of {@code h}, for archives assembled lazily. */
  static byte[] headerBytes(TarHeader h) {
    java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
    try {
      new TarWriter(bytes).writeHeader(h);
    } catch (IOException e) {
      throw new IllegalStateException("in-memory stream", e);
    }
    return bytes.toByteArray();
  }

  /** The zero bytes that follow {@code size} bytes of data. */
  static byte[] padding(long size) {
    return new byte[(int) ((BLOCK - size % BLOCK) % BLOCK)];
  }

  private void writeHeader(TarHeader h) throws IOException {
    Map<String, byte[]> pax = new TreeMap<>(h.pax);
    byte[] name = latin(h.name);
    byte[] link = latin(h.linkName);
    putIf(pax, "path", name, name.length > 100);
    putIf(pax, "linkpath", link, link.length > 100);
    putIf(pax, "uname", latin(h.userName), latin(h.userName).length > 32);
    putIf(pax, "gname", latin(h.groupName), latin(h.groupName).length > 32);
    putIf(pax, "uid", ascii(h.uid), h.uid > MAX_OCTAL_7);
    putIf(pax, "gid", ascii(h.gid), h.gid > MAX_OCTAL_7);
    putIf(pax, "size", ascii(h.size), h.size > MAX_OCTAL_11);
    if (!pax.isEmpty()) {
      byte[] records = PaxRecords.format(pax);
      out.write(block("././@PaxHeader", 'x', 0644, 0, 0, records.length, 0, "", "", "", 0, 0));
      out.write(records);
      pad(records.length);
    }
    out.write(block(h.name, h.type, h.mode, h.uid, h.gid, h.size, h.mtime, h.linkName,
        h.userName, h.groupName, h.devMajor, h.devMinor));
  }

  private static byte[] block(String name, char type, long mode, long uid, long gid, long size,
      long mtime, String link, String user, String group, long devMajor, long devMinor) {
    byte[] b = new byte[BLOCK];
    field(b, 0, 100, latin(name));
    octal(b, 100, 8, mode & 07777777);
    octal(b, 108, 8, uid > MAX_OCTAL_7 ? 0 : uid);
    octal(b, 116, 8, gid > MAX_OCTAL_7 ? 0 : gid);
    octal(b, 124, 12, size > MAX_OCTAL_11 ? 0 : size);
    octal(b, 136, 12, Math.max(0, Math.min(mtime, MAX_OCTAL_11)));
    b[156] = (byte) type;
    field(b, 157, 100, latin(link));
    field(b, 257, 8, "ustar\u000000".getBytes(StandardCharsets.US_ASCII));
    field(b, 265, 32, latin(user));
    field(b, 297, 32, latin(group));
    octal(b, 329, 8, devMajor);
    octal(b, 337, 8, devMinor);
    long sum = 0;
    for (int i = 0; i < BLOCK; i++) {
      sum += i >= 148 && i < 156 ? ' ' : b[i] & 0xff;
    }
    octal(b, 148, 7, sum);
    b[155] = ' ';
    return b;
  }

  private static void putIf(Map<String, byte[]> pax, String key, byte[] value, boolean needed) {
    if (needed) {
      pax.put(key, value);
    }
  }

  /** Zero-padded octal digits followed by a NUL, as Go and GNU tar write them. */
  private static void octal(byte[] b, int off, int len, long value) {
    String digits = Long.toOctalString(value);
    if (digits.length() > len - 1) {
      throw new IllegalArgumentException("value " + value + " does not fit a tar field");
    }
    String padded = "0".repeat(len - 1 - digits.length()) + digits;
    field(b, off, len, padded.getBytes(StandardCharsets.US_ASCII));
  }

  private static void field(byte[] b, int off, int len, byte[] value) {
    System.arraycopy(value, 0, b, off, Math.min(len, value.length));
  }

  private void pad(long size) throws IOException {
    out.write(padding(size));
  }

  private static byte[] latin(String s) {
    return s.getBytes(StandardCharsets.ISO_8859_1);
  }

  private static byte[] ascii(long value) {
    return Long.toString(value).getBytes(StandardCharsets.US_ASCII);
  }
}
