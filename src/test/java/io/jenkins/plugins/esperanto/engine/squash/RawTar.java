package io.jenkins.plugins.esperanto.engine.squash;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * A tar stream built block by block, for layers no honest writer makes: any byte may be put
 * in any header field; the checksum is then computed so the damage is all the reader sees.
 */
final class RawTar {
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();

  /** A ustar header block for a regular file or other {@code type}, size in octal. */
  static byte[] header(String name, char type, long size) {
    byte[] b = new byte[512];
    put(b, 0, name);
    put(b, 100, "0000644");
    put(b, 108, "0000000");
    put(b, 116, "0000000");
    put(b, 124, String.format("%011o", size));
    put(b, 136, "00000000000");
    b[156] = (byte) type;
    put(b, 257, "ustar");
    put(b, 263, "00");
    return b;
  }

  /** Writes {@code value} into the field at {@code offset}. */
  static void put(byte[] block, int offset, String value) {
    byte[] bytes = value.getBytes(StandardCharsets.ISO_8859_1);
    System.arraycopy(bytes, 0, block, offset, bytes.length);
  }

  /** Adds a header block, with its checksum computed. */
  RawTar block(byte[] header) {
    for (int i = 148; i < 156; i++) {
      header[i] = ' ';
    }
    long sum = 0;
    for (byte c : header) {
      sum += c & 0xff;
    }
    put(header, 148, String.format("%06o", sum));
    header[154] = 0;
    out.writeBytes(header);
    return this;
  }

  /** Adds data, padded to a block. */
  RawTar data(byte[] data) {
    out.writeBytes(data);
    out.writeBytes(new byte[(512 - data.length % 512) % 512]);
    return this;
  }

  /** Adds a PAX header whose records are given raw, then a regular file {@code name}. */
  RawTar paxFile(String records, String name) {
    byte[] body = records.getBytes(StandardCharsets.UTF_8);
    return block(header("PaxHeaders/" + name, 'x', body.length)).data(body)
        .block(header(name, '0', 0));
  }

  /** A regular file with content. */
  RawTar file(String name, String content) {
    byte[] data = content.getBytes(StandardCharsets.UTF_8);
    return block(header(name, '0', data.length)).data(data);
  }

  /** An entry without data. */
  RawTar entry(String name, char type) {
    return block(header(name, type, 0));
  }

  /** The stream with its end-of-archive blocks. */
  byte[] bytes() {
    ByteArrayOutputStream all = new ByteArrayOutputStream();
    all.writeBytes(out.toByteArray());
    all.writeBytes(new byte[1024]);
    return all.toByteArray();
  }
}
