package io.jenkins.plugins.esperanto.engine.squash;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Reads tar headers one after another from a stream: ustar, GNU long names and base-256
 * numbers, and PAX local headers (whose unknown records are kept as bytes). It records the
 * offset of each entry's data, so that a spooled layer can later be read at random.
 */
final class TarReader {
  private static final int BLOCK = 512;
  /**
   * Most bytes of extended headers (PAX, GNU long names) before one entry: Go's archive/tar,
   * which the daemon uses to write and read layers, refuses more ({@code maxSpecialFileSize}).
   */
  static final int MAX_EXTENDED_HEADER = 1024 * 1024;

  private final InputStream in;
  private long position;
  private long remaining;
  private long padding;

  TarReader(InputStream in) {
    this.in = in;
  }

  /** The next entry, skipping any unread data of the previous one; empty at the end. */
  Optional<TarHeader> next() throws IOException {
    skipData();
    Map<String, byte[]> pax = new HashMap<>();
    String longName = null;
    String longLink = null;
    long extended = 0;
    while (true) {
      byte[] block = readBlock();
      if (block == null || isZero(block)) {
        return Optional.empty();
      }
      verifyChecksum(block);
      char type = (char) block[156];
      long size = number(block, 124, 12);
      if (type == 'x' || type == 'g' || type == 'L' || type == 'K') {
        extended += size;
        if (extended > MAX_EXTENDED_HEADER) {
          throw new IOException("extended headers of more than " + MAX_EXTENDED_HEADER
              + " bytes before one entry");
        }
        byte[] data = readAll(size);
        if (type == 'x') {
          PaxRecords.parse(data, pax);
        } else if (type == 'L') {
          longName = text(data, 0, data.length);
        } else if (type == 'K') {
          longLink = text(data, 0, data.length);
        }
        continue;
      }
      TarHeader header = build(block, type, pax, longName, longLink);
      remaining = header.size;
      padding = (BLOCK - header.size % BLOCK) % BLOCK;
      return Optional.of(header);
    }
  }

  /** The data of the entry last returned by {@link #next()}; valid until the next call. */
  InputStream data() {
    return new ChunkInputStream() {
      @Override
      public int read(byte[] b, int off, int len) throws IOException {
        if (remaining == 0) {
          return -1;
        }
        int n = in.read(b, off, (int) Math.min(len, remaining));
        if (n < 0) {
          throw new EOFException("tar entry data ends early");
        }
        remaining -= n;
        position += n;
        return n;
      }
    };
  }

  private TarHeader build(byte[] b, char type, Map<String, byte[]> pax, String longName,
      String longLink) throws IOException {
    boolean ustar = latin(b, 257, 5).equals("ustar");
    String name = text(b, 0, 100);
    if (ustar && b[345] != 0) {
      name = text(b, 345, 155) + "/" + name;
    }
    name = longName != null ? longName : name;
    String link = longLink != null ? longLink : text(b, 157, 100);
    long uid = number(b, 108, 8);
    long gid = number(b, 116, 8);
    long size = number(b, 124, 12);
    long mtime = number(b, 136, 12);
    String user = text(b, 265, 32);
    String group = text(b, 297, 32);
    name = take(pax, "path", name);
    link = take(pax, "linkpath", link);
    user = take(pax, "uname", user);
    group = take(pax, "gname", group);
    uid = decimal(pax, "uid", uid);
    gid = decimal(pax, "gid", gid);
    size = decimal(pax, "size", size);
    char normalized = type == 0 || type == '7' ? TarHeader.REGULAR : type;
    return new TarHeader(name, normalized, number(b, 100, 8), uid, gid, size, mtime, link,
        user, group, number(b, 329, 8), number(b, 337, 8), pax, position);
  }

  /** PAX values are raw bytes; path-like ones are decoded byte-per-char like header fields. */
  private static String take(Map<String, byte[]> pax, String key, String fallback) {
    byte[] value = pax.remove(key);
    return value == null ? fallback : latin(value, 0, value.length);
  }

  /** A PAX number record, when present: plain decimal digits, as Go's archive/tar requires. */
  private static long decimal(Map<String, byte[]> pax, String key, long fallback)
      throws IOException {
    byte[] raw = pax.remove(key);
    if (raw == null) {
      return fallback;
    }
    String value = latin(raw, 0, raw.length);
    try {
      if (value.matches("[0-9]{1,19}")) {
        return Long.parseLong(value);
      }
    } catch (NumberFormatException e) {
      // above Long.MAX_VALUE: reported below like any other bad value
    }
    throw new IOException("PAX record " + key + " is '" + shortened(value)
        + "', expected a non-negative decimal number");
  }

  private static String shortened(String value) {
    String printable = value.replaceAll("[^\\x20-\\x7e]", "?");
    return printable.length() <= 40 ? printable : printable.substring(0, 40) + "...";
  }

  private static String text(byte[] b, int off, int len) {
    int end = off;
    while (end < off + len && b[end] != 0) {
      end++;
    }
    return latin(b, off, end - off);
  }

  /** Octal (NUL/space padded) or, when the high bit of the first byte is set, base-256. */
  static long number(byte[] b, int off, int len) throws IOException {
    if ((b[off] & 0x80) != 0) {
      // 0x80 marks a positive base-256 number, 0xff a negative one, which no field may hold.
      if ((b[off] & 0xff) != 0x80) {
        throw new IOException("corrupt tar header: negative or malformed base-256 number at"
            + " offset " + off);
      }
      long value = 0;
      for (int i = 1; i < len; i++) {
        if ((value >>> 55) != 0) {
          throw new IOException("corrupt tar header: base-256 number too large at offset " + off);
        }
        value = (value << 8) | (b[off + i] & 0xff);
      }
      return value;
    }
    int i = off;
    while (i < off + len && b[i] == ' ') {
      i++;
    }
    long value = 0;
    for (; i < off + len && b[i] != 0 && b[i] != ' '; i++) {
      byte c = b[i];
      if (c < '0' || c > '7') {
        throw new IOException("corrupt tar header: bad octal digit at offset " + i);
      }
      value = value * 8 + (c - '0');
    }
    return value;
  }

  private void verifyChecksum(byte[] block) throws IOException {
    long expected = number(block, 148, 8);
    long unsigned = 0;
    long signed = 0;
    for (int i = 0; i < BLOCK; i++) {
      byte c = i >= 148 && i < 156 ? (byte) ' ' : block[i];
      unsigned += c & 0xff;
      signed += c;
    }
    if (expected != unsigned && expected != signed) {
      throw new IOException("corrupt tar header at byte " + (position - BLOCK) + " (checksum)");
    }
  }

  private void skipData() throws IOException {
    long toSkip = remaining + padding;
    remaining = 0;
    padding = 0;
    while (toSkip > 0) {
      long n = in.skip(toSkip);
      if (n <= 0) {
        if (in.read() < 0) {
          throw new EOFException("tar stream ends inside an entry");
        }
        n = 1;
      }
      toSkip -= n;
      position += n;
    }
  }

  private byte[] readAll(long size) throws IOException {
    byte[] data = in.readNBytes((int) size);
    if (data.length != size) {
      throw new EOFException("tar stream ends inside an extended header");
    }
    position += size;
    remaining = 0;
    padding = (BLOCK - size % BLOCK) % BLOCK;
    skipData();
    return data;
  }

  private byte[] readBlock() throws IOException {
    byte[] block = in.readNBytes(BLOCK);
    position += block.length;
    if (block.length == 0) {
      return null;
    }
    if (block.length < BLOCK) {
      throw new EOFException("tar stream ends inside a header");
    }
    return block;
  }

  private static boolean isZero(byte[] block) {
    for (byte b : block) {
      if (b != 0) {
        return false;
      }
    }
    return true;
  }

  /** Byte-per-char decoding, the inverse of {@link String#getBytes} with ISO-8859-1. */
  static String latin(byte[] b, int off, int len) {
    return new String(b, off, len, StandardCharsets.ISO_8859_1);
  }
}
