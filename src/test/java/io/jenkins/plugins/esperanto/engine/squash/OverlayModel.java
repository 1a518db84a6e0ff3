package io.jenkins.plugins.esperanto.engine.squash;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A deliberately naive model of how Docker applies layers to a directory tree, one entry at a
 * time (as moby's UnpackLayer does on a plain filesystem): an opaque marker deletes whatever in
 * its directory this layer has not unpacked yet, a whiteout deletes a subtree, a non-directory
 * replaces a subtree, a directory over a directory keeps its children, a hard link shares an
 * inode. It shares no code with the merge beyond the tar reader.
 */
final class OverlayModel {
  /** A file's identity; hard links share one. */
  static final class Inode {
    final char type;
    final String content;
    final String link;

    Inode(char type, String content, String link) {
      this.type = type;
      this.content = content;
      this.link = link;
    }
  }

  record Entry(Inode inode, long mode, long uid, long gid, long mtime, String xattrs) {}

  private final TreeMap<String, Entry> files = new TreeMap<>();

  /** Applies a layer tar. */
  void apply(Path layer) throws IOException {
    Set<String> unpacked = new HashSet<>();
    try (InputStream in = new BufferedInputStream(Files.newInputStream(layer))) {
      TarReader reader = new TarReader(in);
      for (Optional<TarHeader> next = reader.next(); next.isPresent(); next = reader.next()) {
        TarHeader h = next.get();
        String path = OverlayTree.normalize(h.name);
        String base = path.substring(path.lastIndexOf('/') + 1);
        String parent = path.contains("/") ? path.substring(0, path.lastIndexOf('/')) : "";
        if (base.equals(".wh..wh..opq")) {
          files.keySet().removeIf(p -> p.startsWith(parent + "/") && !unpacked.contains(p));
          continue;
        }
        if (base.startsWith(".wh.")) {
          removeTree((parent.isEmpty() ? "" : parent + "/") + base.substring(4));
          continue;
        }
        Entry existing = files.get(path);
        if (existing != null && !(existing.inode.type == '5' && h.type == '5')) {
          removeTree(path);
        }
        Inode inode;
        if (h.type == '1') {
          inode = files.get(OverlayTree.normalize(h.linkName)).inode;
        } else if (h.type == '5' && existing != null && existing.inode.type == '5') {
          inode = existing.inode;
        } else {
          String content = new String(reader.data().readAllBytes(), StandardCharsets.ISO_8859_1);
          inode = new Inode(h.type, content, h.linkName);
        }
        files.put(path, new Entry(inode, h.mode, h.uid, h.gid, h.mtime, xattrs(h)));
        unpacked.add(path);
      }
    }
  }

  private void removeTree(String path) {
    files.remove(path);
    files.keySet().removeIf(p -> p.startsWith(path + "/"));
  }

  private static String xattrs(TarHeader h) {
    StringBuilder out = new StringBuilder();
    h.pax.forEach((k, v) -> out.append(k).append('=')
        .append(new String(v, StandardCharsets.ISO_8859_1)).append(';'));
    return out.toString();
  }

  /**
   * A comparable picture of the tree: per path its type, mode, owner, mtime, xattrs, content
   * or link target, and the other paths sharing its inode.
   */
  List<String> listing() {
    Map<Inode, Set<String>> byInode = new IdentityHashMap<>();
    files.forEach((p, e) -> byInode.computeIfAbsent(e.inode, i -> new TreeSet<>()).add(p));
    List<String> out = new ArrayList<>();
    files.forEach((p, e) -> out.add(p + " type=" + e.inode.type + " mode=" + Long.toOctalString(e.mode)
        + " owner=" + e.uid + ":" + e.gid + " mtime=" + e.mtime + " x=" + e.xattrs + " content="
        + (e.inode.type == '5' ? "" : e.inode.content) + " link=" + e.inode.link
        + (byInode.get(e.inode).size() > 1 && e.inode.type != '5' ? " group=" + byInode.get(e.inode)
            : "")));
    return out;
  }

  /** Whether any entry of a layer tar is a whiteout or an opaque marker. */
  static boolean hasWhiteouts(Path layer) throws IOException {
    try (InputStream in = new BufferedInputStream(Files.newInputStream(layer))) {
      TarReader reader = new TarReader(in);
      for (Optional<TarHeader> next = reader.next(); next.isPresent(); next = reader.next()) {
        if (next.get().baseName().startsWith(".wh.")) {
          return true;
        }
      }
    }
    return false;
  }
}
