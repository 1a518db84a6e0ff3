package io.jenkins.plugins.esperanto.engine.squash;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;

/**
 * The union of a stack of layers, computed from their headers only (oldest layer first), with
 * overlay semantics: {@code .wh.<name>} removes a path, {@code .wh..wh..opq} hides what lower
 * layers put in its directory, a non-directory replaces a whole subtree, a directory over a
 * directory keeps the children. It also remembers where the content below the stack (the base
 * image) is hidden, so that one merged layer can hide the same things with the fewest
 * whiteouts and opaque markers. Memory grows with the number of paths, not with their size.
 */
final class OverlayTree {
  static final String WHITEOUT = ".wh.";
  static final String OPAQUE = ".wh..wh..opq";
  /**
   * Most bytes of uninterpreted PAX records (xattrs) the tree holds for a whole stack. Linux
   * caps one file's xattrs at 64 KiB; real images carry a few bytes per file. The bound keeps
   * a hostile layer from filling the heap.
   */
  static final long MAX_RETAINED_PAX = 32L * 1024 * 1024;

  /** Paths compare like Go's filepath.Walk visits them: byte order, '/' before anything. */
  static final Comparator<String> PATH_ORDER = (a, b) -> {
    int n = Math.min(a.length(), b.length());
    for (int i = 0; i < n; i++) {
      char x = a.charAt(i);
      char y = b.charAt(i);
      if (x != y) {
        return (x == '/' ? -1 : x) - (y == '/' ? -1 : y);
      }
    }
    return a.length() - b.length();
  };

  /** One visible path: its newest header, its layer, and the entry that holds its content. */
  record Node(TarHeader header, int layer, TarHeader content) {}

  /** One entry of the merged layer; {@code layer} and {@code content} say where data is. */
  record Output(TarHeader header, int layer, TarHeader content) {}

  private final NavigableMap<String, Node> nodes = new TreeMap<>(PATH_ORDER);
  /** Paths at and under which whatever is below the stack is hidden. Only ever grows. */
  private final Set<String> hiddenBelow = new HashSet<>();
  /** Content entries that some hard link points at; their paths are emitted once, then linked. */
  private final Set<TarHeader> linked = Collections.newSetFromMap(new IdentityHashMap<>());
  private Map<String, TarHeader> contentOfLayer = new HashMap<>();
  private int layer = -1;
  private long paxBytes;

  /** Starts the next (newer) layer. */
  void beginLayer() {
    layer++;
    contentOfLayer = new HashMap<>();
  }

  /** Applies one entry of the current layer. */
  void add(TarHeader raw) throws IOException {
    String path = clean(raw.name, "entry");
    if (path.isEmpty()) {
      return; // the root directory itself carries nothing a layer can change
    }
    retain(raw);
    TarHeader header = raw.withName(path);
    String base = header.baseName();
    if (base.equals(OPAQUE)) {
      removeDescendants(header.parent(), true);
      hiddenBelow.add(header.parent());
    } else if (base.startsWith(WHITEOUT)) {
      String hidden = base.substring(WHITEOUT.length());
      if (hidden.isEmpty() || hidden.equals(".") || hidden.equals("..")) {
        throw new IOException("whiteout " + raw.name + " names no file of its directory");
      }
      String target = join(header.parent(), hidden);
      nodes.remove(target);
      removeDescendants(target, false);
      hiddenBelow.add(target);
    } else if (header.isDirectory()) {
      Node existing = nodes.get(path);
      if (existing != null && !existing.header().isDirectory()) {
        nodes.remove(path);
      }
      nodes.put(path, new Node(header, layer, header));
    } else {
      nodes.remove(path);
      removeDescendants(path, false);
      hiddenBelow.add(path);
      TarHeader content = header;
      if (header.type == TarHeader.HARD_LINK) {
        content = contentOfLayer.get(clean(header.linkName, "hard link target"));
        if (content == null) {
          throw new IOException("hard link " + path + " in layer " + (layer + 1) + " points to "
              + header.linkName + ", which is not an earlier entry of the same layer");
        }
        linked.add(content);
      }
      contentOfLayer.put(path, content);
      nodes.put(path, new Node(header, layer, content));
    }
  }

  /**
   * The merged layer's entries in walk order. With {@code hideBelow} (a stack above a base),
   * whiteouts and opaque markers hide what the stack hid of the base; without it (the stack is
   * the whole image), none are written. Of each group of hard links the first visible path
   * holds the content and the others link to it, so a link never precedes its target and a
   * link whose target was hidden or replaced becomes the regular file.
   */
  List<Output> result(boolean hideBelow) {
    NavigableMap<String, Node> all = new TreeMap<>(nodes);
    if (hideBelow) {
      for (String path : hiddenBelow) {
        if (!hasHiddenAncestor(path)) {
          addMarker(all, path);
        }
      }
    }
    Map<TarHeader, String> firstPath = new IdentityHashMap<>();
    List<Output> out = new ArrayList<>(all.size());
    for (Node node : all.values()) {
      TarHeader content = node.content();
      String first = linked.contains(content) ? firstPath.putIfAbsent(content, node.header().name)
          : null;
      if (first != null) {
        out.add(new Output(node.header().as(TarHeader.HARD_LINK, 0, first, 0, 0), -1, null));
      } else if (content == null || content.type != TarHeader.REGULAR) {
        TarHeader shape = content == null ? node.header() : content;
        out.add(new Output(node.header().as(shape.type, 0, shape.linkName, shape.devMajor,
            shape.devMinor), -1, null));
      } else {
        out.add(new Output(node.header().as(TarHeader.REGULAR, content.size, "", 0, 0),
            node.layer(), content));
      }
    }
    return out;
  }

  private void addMarker(NavigableMap<String, Node> all, String path) {
    Node node = nodes.get(path);
    if (path.isEmpty()) {
      all.put(OPAQUE, new Node(TarHeader.marker(OPAQUE), -1, null)); // the root itself
    } else if (node != null && node.header().isDirectory()) {
      String marker = join(path, OPAQUE);
      all.put(marker, new Node(TarHeader.marker(marker), -1, null));
    } else if (node == null) {
      int slash = path.lastIndexOf('/');
      String marker = join(slash < 0 ? "" : path.substring(0, slash),
          WHITEOUT + path.substring(slash + 1));
      all.put(marker, new Node(TarHeader.marker(marker), -1, null));
    }
  }

  private boolean hasHiddenAncestor(String path) {
    if (!path.isEmpty() && hiddenBelow.contains("")) {
      return true;
    }
    for (int slash = path.lastIndexOf('/'); slash > 0; slash = path.lastIndexOf('/', slash - 1)) {
      if (hiddenBelow.contains(path.substring(0, slash))) {
        return true;
      }
    }
    return false;
  }

  private void removeDescendants(String dir, boolean onlyOlderLayers) {
    Map<String, Node> below = dir.isEmpty() ? nodes
        : nodes.subMap(dir + "/", true, dir + "/\uffff", true);
    for (Iterator<Node> it = below.values().iterator(); it.hasNext(); ) {
      Node node = it.next();
      if (!onlyOlderLayers || node.layer() < layer) {
        it.remove();
      }
    }
  }

  /**
   * Cleans a layer path as Docker does when it applies a layer (Go's {@code filepath.Clean},
   * then relative to the root): {@code //}, {@code .} and {@code x/..} collapse and leading
   * and trailing slashes go, so {@code etc//.wh.x} and {@code x/../etc/.wh.x} both name
   * {@code etc/.wh.x}. A relative path that climbs above the root keeps its leading
   * {@code ..}; {@link #add} refuses it.
   */
  static String normalize(String name) {
    boolean rooted = name.startsWith("/");
    ArrayDeque<String> parts = new ArrayDeque<>();
    for (String part : name.split("/")) {
      if (part.isEmpty() || part.equals(".")) {
        continue;
      }
      if (!part.equals("..")) {
        parts.addLast(part);
      } else if (!parts.isEmpty() && !parts.peekLast().equals("..")) {
        parts.removeLast();
      } else if (!rooted) {
        parts.addLast(part); // climbs above the root: kept, so that the caller can refuse it
      }
    }
    return String.join("/", parts);
  }

  private void retain(TarHeader header) throws IOException {
    for (Map.Entry<String, byte[]> record : header.pax.entrySet()) {
      paxBytes += record.getKey().length() + record.getValue().length;
    }
    if (paxBytes > MAX_RETAINED_PAX) {
      throw new IOException("its extended attributes (PAX records) exceed "
          + MAX_RETAINED_PAX / (1024 * 1024) + " MiB in all, at " + header.name);
    }
  }

  /** The cleaned path of an entry or link target; refuses one that escapes the layer root. */
  private String clean(String name, String what) throws IOException {
    String path = normalize(name);
    if (path.equals("..") || path.startsWith("../")) {
      throw new IOException(what + " " + name + " escapes the root of the image");
    }
    return path;
  }

  private static String join(String dir, String name) {
    return dir.isEmpty() ? name : dir + "/" + name;
  }
}
