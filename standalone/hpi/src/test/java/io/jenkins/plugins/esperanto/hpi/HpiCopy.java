package io.jenkins.plugins.esperanto.hpi;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/** Deliberately broken copies of a built .hpi: its entries (or its plugin jar's) edited in memory. */
final class HpiCopy {

  private HpiCopy() {}

  /** A copy of {@code hpi} at {@code target} whose entries went through {@code edit}. */
  static Path edited(Path hpi, Path target, Consumer<Map<String, byte[]>> edit) throws IOException {
    Map<String, byte[]> entries = read(Files.newInputStream(hpi));
    edit.accept(entries);
    Files.write(target, write(entries));
    return target;
  }

  /** A copy whose plugin jar ({@code WEB-INF/lib/esperanto-docker.jar}) went through {@code edit}. */
  static Path withPluginJarEdited(Path hpi, Path target, Consumer<Map<String, byte[]>> edit) throws IOException {
    return edited(hpi, target, hpiEntries -> {
      String name = "WEB-INF/lib/esperanto-docker.jar";
      try {
        Map<String, byte[]> jar = read(new ByteArrayInputStream(hpiEntries.get(name)));
        edit.accept(jar);
        hpiEntries.put(name, write(jar));
      } catch (IOException e) {
        throw new IllegalStateException(e);
      }
    });
  }

  static Map<String, byte[]> read(InputStream zip) throws IOException {
    Map<String, byte[]> entries = new LinkedHashMap<>();
    try (ZipInputStream in = new ZipInputStream(zip)) {
      for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
        entries.put(e.getName(), in.readAllBytes());
      }
    }
    return entries;
  }

  static byte[] write(Map<String, byte[]> entries) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipOutputStream out = new ZipOutputStream(bytes)) {
      for (Map.Entry<String, byte[]> e : entries.entrySet()) {
        out.putNextEntry(new ZipEntry(e.getKey()));
        out.write(e.getValue());
        out.closeEntry();
      }
    }
    return bytes.toByteArray();
  }
}
