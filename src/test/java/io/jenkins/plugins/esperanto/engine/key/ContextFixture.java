package io.jenkins.plugins.esperanto.engine.key;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/** Builds context folders with explicit modes and times, and reads archives back. */
final class ContextFixture {
  private ContextFixture() {}

  /** Writes {@code content} at {@code relative} with permission string {@code perms}. */
  static Path file(Path root, String relative, String content, String perms) throws IOException {
    Path file = root.resolve(relative);
    Files.createDirectories(file.getParent());
    Files.writeString(file, content);
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(perms));
    return file;
  }

  /** A small context: Dockerfile, an ignore file, a script, nested folders, a link. */
  static void sample(Path root, String filePerms, String execPerms, String dirPerms)
      throws IOException {
    file(root, "Dockerfile", "FROM esperanto-fixture/busybox:latest\nCOPY . /ctx\n", filePerms);
    file(root, ".dockerignore", "*.log\nbuild\n!build/keep.txt\nsecret/\n", filePerms);
    file(root, "entrypoint", "#!/bin/sh\nexec \"$@\"\n", execPerms);
    file(root, "src/main.c", "int main(void) { return 0; }\n", filePerms);
    file(root, "src/lib/util.c", "int util;\n", filePerms);
    file(root, "src-gen/x.c", "int x;\n", filePerms);
    file(root, "debug.log", "ignored\n", filePerms);
    file(root, "build/out.o", "object\n", filePerms);
    file(root, "build/keep.txt", "kept\n", filePerms);
    file(root, "secret/token", "ignored\n", filePerms);
    Files.createSymbolicLink(root.resolve("src/current"), Path.of("main.c"));
    for (String dir : List.of("src", "src/lib", "src-gen", "build", "secret")) {
      Files.setPosixFilePermissions(root.resolve(dir), PosixFilePermissions.fromString(dirPerms));
    }
  }

  /** Sets every path's mtime, as a fresh checkout at another moment would. */
  static void setAllTimes(Path root, long epochMillis) throws IOException {
    try (var paths = Files.walk(root)) {
      for (Path path : (Iterable<Path>) paths::iterator) {
        if (!Files.isSymbolicLink(path)) {
          Files.setLastModifiedTime(path, FileTime.fromMillis(epochMillis));
        }
      }
    }
  }

  /** The archive's entries, in order, with their headers and contents. */
  static Map<String, Entry> read(Path tar) throws IOException {
    Map<String, Entry> out = new LinkedHashMap<>();
    try (InputStream in = Files.newInputStream(tar);
        TarArchiveInputStream tarIn = new TarArchiveInputStream(in)) {
      TarArchiveEntry entry;
      while ((entry = tarIn.getNextEntry()) != null) {
        byte[] content = tarIn.readAllBytes();
        out.put(entry.getName(), new Entry(entry, new String(content, StandardCharsets.UTF_8)));
      }
    }
    return out;
  }

  /** Raw 512-byte headers of the tar (including PAX headers), in order. */
  static List<byte[]> rawHeaders(Path tar) throws IOException {
    byte[] bytes = Files.readAllBytes(tar);
    List<byte[]> headers = new ArrayList<>();
    int offset = 0;
    while (offset + 512 <= bytes.length) {
      byte[] header = java.util.Arrays.copyOfRange(bytes, offset, offset + 512);
      if (header[0] == 0) {
        break;
      }
      headers.add(header);
      long size =
          Long.parseLong(
              field(header, 124, 12).trim().isEmpty() ? "0" : field(header, 124, 12).trim(), 8);
      offset += 512 + (int) ((size + 511) / 512 * 512);
    }
    return headers;
  }

  /** The keys of every PAX extended-header record in the tar, in order. */
  static List<String> paxKeys(Path tar) throws IOException {
    byte[] bytes = Files.readAllBytes(tar);
    List<String> keys = new ArrayList<>();
    int offset = 0;
    while (offset + 512 <= bytes.length && bytes[offset] != 0) {
      byte[] header = java.util.Arrays.copyOfRange(bytes, offset, offset + 512);
      int size = Integer.parseInt(field(header, 124, 12).trim(), 8);
      if (header[156] == 'x' || header[156] == 'g') {
        String records = new String(bytes, offset + 512, size, StandardCharsets.UTF_8);
        for (String record : records.split("\n")) {
          keys.add(record.substring(record.indexOf(' ') + 1, record.indexOf('=')));
        }
      }
      offset += 512 + (size + 511) / 512 * 512;
    }
    return keys;
  }

  /** A NUL-terminated header field. */
  static String field(byte[] header, int offset, int length) {
    int end = offset;
    while (end < offset + length && header[end] != 0) {
      end++;
    }
    return new String(header, offset, end - offset, StandardCharsets.UTF_8);
  }

  /** One entry read back. */
  static final class Entry {
    final TarArchiveEntry header;
    final String content;

    Entry(TarArchiveEntry header, String content) {
      this.header = header;
      this.content = content;
    }
  }
}
