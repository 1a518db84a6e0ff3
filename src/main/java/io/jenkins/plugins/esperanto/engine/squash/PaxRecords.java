package io.jenkins.plugins.esperanto.engine.squash;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;

/**
 * PAX extended header records ({@code "<len> <key>=<value>\n"}), kept as bytes: xattr values
 * such as {@code security.capability} are binary and would not survive a UTF-8 round trip.
 */
final class PaxRecords {
  private PaxRecords() {}

  /** Adds the records of {@code data} to {@code into}; a later record replaces an earlier one. */
  static void parse(byte[] data, Map<String, byte[]> into) throws IOException {
    int pos = 0;
    while (pos < data.length) {
      if (data[pos] == 0) {
        return; // NUL padding after the last record
      }
      int space = pos;
      while (space < data.length && data[space] != ' ') {
        space++;
      }
      int length;
      try {
        length = Integer.parseInt(new String(data, pos, space - pos, StandardCharsets.US_ASCII));
      } catch (NumberFormatException e) {
        throw new IOException("corrupt PAX header: bad record length", e);
      }
      if (length <= space - pos || length > data.length - pos) {
        throw new IOException("corrupt PAX header: record length " + length
            + " does not fit the header");
      }
      int end = pos + length;
      if (data[end - 1] != '\n') {
        throw new IOException("corrupt PAX header: record overruns the header");
      }
      int equals = space + 1;
      while (equals < end && data[equals] != '=') {
        equals++;
      }
      if (equals >= end) {
        throw new IOException("corrupt PAX header: record without '='");
      }
      String key = new String(data, space + 1, equals - space - 1, StandardCharsets.UTF_8);
      into.put(key, Arrays.copyOfRange(data, equals + 1, end - 1));
      pos = end;
    }
  }

  /** Formats records in the order given (callers pass a sorted map for stable output). */
  static byte[] format(Map<String, byte[]> records) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (Map.Entry<String, byte[]> record : records.entrySet()) {
      byte[] key = record.getKey().getBytes(StandardCharsets.UTF_8);
      int body = 1 + key.length + 1 + record.getValue().length + 1; // ' ' key '=' value '\n'
      int length = body + Integer.toString(body).length();
      if (Integer.toString(length).length() != Integer.toString(body).length()) {
        length++; // the length field itself grew by a digit
      }
      out.writeBytes(Integer.toString(length).getBytes(StandardCharsets.US_ASCII));
      out.write(' ');
      out.writeBytes(key);
      out.write('=');
      out.writeBytes(record.getValue());
      out.write('\n');
    }
    return out.toByteArray();
  }
}
