package io.jenkins.plugins.esperanto.engine.squash;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Turns generated operations into layer tars shaped like Docker's: unique paths, parents
 * listed before children as directories, whiteouts and opaque markers, hard links after their
 * target, in walk order. Paths come from a small namespace so that layers collide often.
 */
final class LayerGenerator {
  /** One generated change: which path, what kind of entry, and a number for its details. */
  record Op(int path, int kind, int value) {}

  static final int KINDS = 7;
  private static final String[] SEGMENTS = {"a", "b", "a.wh.b"};
  static final List<String> PATHS = paths();

  private LayerGenerator() {}

  private static List<String> paths() {
    List<String> out = new ArrayList<>();
    List<String> level = List.of("");
    for (int depth = 0; depth < 3; depth++) {
      List<String> next = new ArrayList<>();
      for (String parent : level) {
        for (String segment : SEGMENTS) {
          next.add(parent.isEmpty() ? segment : parent + "/" + segment);
        }
      }
      out.addAll(next);
      level = next;
    }
    return out;
  }

  private record Spec(char kind, int value, String group) {}

  /** Writes the layer for {@code ops} to {@code file}. */
  static void write(List<Op> ops, Path file) throws IOException {
    Map<String, Spec> entries = new HashMap<>();
    List<String> files = new ArrayList<>();
    for (Op op : ops) {
      String path = PATHS.get(op.path() % PATHS.size());
      char kind = "0521wo6".charAt(op.kind() % KINDS);
      if (entries.containsKey(path) || blockedByAncestor(entries, path)
          || (kind != '5' && kind != 'o' && hasDescendant(entries, path))) {
        continue;
      }
      addParents(entries, path, op.value());
      if (kind == '1') {
        if (files.isEmpty()) {
          kind = '0';
        } else {
          String target = files.get(op.value() % files.size());
          entries.put(path, new Spec('1', entries.get(target).value(), target));
          continue;
        }
      }
      if (kind == 'o') {
        entries.put(path, new Spec('5', op.value(), null));
        entries.put(path + "/.wh..wh..opq", new Spec('m', 0, null));
        continue;
      }
      if (kind == 'w') {
        entries.put(whiteout(path), new Spec('m', 0, null));
        entries.put(path, new Spec('x', 0, null)); // reserves the path
        continue;
      }
      entries.put(path, new Spec(kind, op.value(), kind == '0' ? path : null));
      if (kind == '0') {
        files.add(path);
      }
    }
    writeSorted(entries, file);
  }

  private static void writeSorted(Map<String, Spec> entries, Path file) throws IOException {
    TreeMap<String, Spec> sorted = new TreeMap<>(OverlayTree.PATH_ORDER);
    sorted.putAll(entries);
    Map<String, String> firstOfGroup = new HashMap<>();
    try (OutputStream out = Files.newOutputStream(file)) {
      TarWriter writer = new TarWriter(out);
      for (Map.Entry<String, Spec> e : sorted.entrySet()) {
        Spec spec = e.getValue();
        if (spec.kind() == 'x') {
          continue;
        }
        if (spec.kind() == 'm') {
          writer.write(TarHeader.marker(e.getKey()));
          continue;
        }
        if (spec.group() != null) {
          String first = firstOfGroup.putIfAbsent(spec.group(), e.getKey());
          if (first != null) {
            writer.write(header(e.getKey(), '1', spec.value(), 0, first));
            continue;
          }
          byte[] data = ("content " + spec.group() + " " + spec.value())
              .getBytes(StandardCharsets.ISO_8859_1);
          writer.write(header(e.getKey(), '0', spec.value(), data.length, ""),
              new ByteArrayInputStream(data));
          continue;
        }
        String link = spec.kind() == '2' ? "../target-" + spec.value() : "";
        writer.write(header(e.getKey(), spec.kind(), spec.value(), 0, link));
      }
      writer.finish();
    }
  }

  private static TarHeader header(String name, char type, int value, long size, String link) {
    long mode = type == '5' ? new long[] {0755, 0700, 01777}[value % 3]
        : new long[] {0644, 0600, 0755, 04755}[value % 4];
    long uid = new long[] {0, 1000, 3_000_000}[value % 3];
    Map<String, byte[]> pax = value % 5 == 0 && type != '5'
        ? Map.of("SCHILY.xattr.security.capability", new byte[] {1, 0, 0, 2, (byte) 0x80, 0, 0, 0})
        : Map.of();
    return new TarHeader(name, type, mode, uid, uid + value % 2, size, 1_000_000 + value, link,
        "", "", 0, 0, pax, -1);
  }

  private static void addParents(Map<String, Spec> entries, String path, int value) {
    for (int slash = path.indexOf('/'); slash > 0; slash = path.indexOf('/', slash + 1)) {
      entries.putIfAbsent(path.substring(0, slash), new Spec('5', value / 7, null));
    }
  }

  private static boolean blockedByAncestor(Map<String, Spec> entries, String path) {
    for (int slash = path.indexOf('/'); slash > 0; slash = path.indexOf('/', slash + 1)) {
      Spec spec = entries.get(path.substring(0, slash));
      if (spec != null && spec.kind() != '5') {
        return true;
      }
    }
    return false;
  }

  private static boolean hasDescendant(Map<String, Spec> entries, String path) {
    return entries.keySet().stream().anyMatch(p -> p.startsWith(path + "/"));
  }

  private static String whiteout(String path) {
    int slash = path.lastIndexOf('/');
    return slash < 0 ? ".wh." + path : path.substring(0, slash) + "/.wh." + path.substring(slash + 1);
  }
}
