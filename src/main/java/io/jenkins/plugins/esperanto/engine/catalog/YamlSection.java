package io.jenkins.plugins.esperanto.engine.catalog;

import io.jenkins.plugins.esperanto.engine.api.InvalidCatalogException;
import io.jenkins.plugins.esperanto.engine.api.Printable;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.nodes.Tag;

/**
 * A YAML mapping read against a fixed set of keys, so that every error names the file, the
 * line and the dotted key ({@code run.shm_size}).
 */
final class YamlSection {
  private final Path file;
  private final String path;
  private final Node node;
  private final Map<String, NodeTuple> entries = new LinkedHashMap<>();

  private YamlSection(Path file, String path, MappingNode node, Set<String> allowedKeys)
      throws InvalidCatalogException {
    this.file = file;
    this.path = path;
    this.node = node;
    for (NodeTuple tuple : node.getValue()) {
      String key = keyOf(tuple);
      if (!allowedKeys.contains(key)) {
        throw error(tuple.getKeyNode(), "unknown key '" + Printable.of(qualify(key))
            + "'; expected one of " + String.join(", ", new java.util.TreeSet<>(allowedKeys)));
      }
      if (entries.put(key, tuple) != null) {
        throw error(tuple.getKeyNode(), "duplicate key '" + qualify(key) + "'");
      }
    }
  }

  /** Reads {@code node} as a mapping with only {@code allowedKeys}. */
  static YamlSection of(Path file, String path, Node node, Set<String> allowedKeys)
      throws InvalidCatalogException {
    if (!(node instanceof MappingNode)) {
      throw new InvalidCatalogException(file, lineOf(node),
          (path.isEmpty() ? "the document" : "'" + path + "'") + " must be a mapping of keys to values");
    }
    return new YamlSection(file, path, (MappingNode) node, allowedKeys);
  }

  Optional<YamlSection> section(String key, Set<String> allowedKeys) throws InvalidCatalogException {
    Optional<Node> value = value(key);
    if (value.isEmpty()) {
      return Optional.empty();
    }
    if (!(value.get() instanceof MappingNode)) {
      throw error(value.get(), "'" + qualify(key) + "' must be a mapping");
    }
    return Optional.of(new YamlSection(file, qualify(key), (MappingNode) value.get(), allowedKeys));
  }

  Optional<String> string(String key) throws InvalidCatalogException {
    Optional<Node> value = value(key);
    if (value.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(scalar(value.get(), qualify(key)));
  }

  Optional<Boolean> bool(String key) throws InvalidCatalogException {
    Optional<Node> value = value(key);
    if (value.isEmpty()) {
      return Optional.empty();
    }
    Node n = value.get();
    if (!(n instanceof ScalarNode) || !Tag.BOOL.equals(n.getTag())) {
      throw error(n, "'" + qualify(key) + "' must be true or false");
    }
    return Optional.of(Boolean.parseBoolean(((ScalarNode) n).getValue().toLowerCase(java.util.Locale.ROOT)));
  }

  /** A list of scalars; a single scalar is accepted as a list of one. */
  List<String> strings(String key) throws InvalidCatalogException {
    Optional<Node> value = value(key);
    if (value.isEmpty()) {
      return List.of();
    }
    return stringList(value.get(), qualify(key));
  }

  /** A mapping of names to scalar values (numbers and booleans are taken as written). */
  Map<String, String> stringMap(String key) throws InvalidCatalogException {
    Optional<Node> value = value(key);
    if (value.isEmpty()) {
      return Map.of();
    }
    Node n = value.get();
    if (!(n instanceof MappingNode)) {
      throw error(n, "'" + qualify(key) + "' must be a mapping of names to values");
    }
    Map<String, String> out = new LinkedHashMap<>();
    for (NodeTuple tuple : ((MappingNode) n).getValue()) {
      String name = keyOf(tuple);
      String entryPath = qualify(key) + "." + name;
      if (out.put(name, scalar(tuple.getValueNode(), entryPath)) != null) {
        throw error(tuple.getKeyNode(), "duplicate key '" + entryPath + "'");
      }
    }
    return out;
  }

  /** The raw node under {@code key}, for values with more than one accepted shape. */
  Optional<Node> value(String key) {
    NodeTuple tuple = entries.get(key);
    if (tuple == null || isNull(tuple.getValueNode())) {
      return Optional.empty();
    }
    return Optional.of(tuple.getValueNode());
  }

  /** Keys present, in the order written. */
  Set<String> keys() {
    return entries.keySet();
  }

  Path file() {
    return file;
  }

  String qualify(String key) {
    return path.isEmpty() ? key : path + "." + key;
  }

  String scalar(Node n, String where) throws InvalidCatalogException {
    if (!(n instanceof ScalarNode) || isNull(n)) {
      throw error(n, "'" + where + "' must be a single value (text or number), not a list or mapping");
    }
    return ((ScalarNode) n).getValue();
  }

  List<String> stringList(Node n, String where) throws InvalidCatalogException {
    if (n instanceof ScalarNode) {
      return List.of(scalar(n, where));
    }
    if (!(n instanceof SequenceNode)) {
      throw error(n, "'" + where + "' must be a list of values");
    }
    List<String> out = new ArrayList<>();
    for (Node item : ((SequenceNode) n).getValue()) {
      out.add(scalar(item, where + "[" + out.size() + "]"));
    }
    return out;
  }

  InvalidCatalogException error(Node at, String problem) {
    return new InvalidCatalogException(file, lineOf(at == null ? node : at), problem);
  }

  static int lineOf(Node n) {
    return n == null ? 0 : n.getStartMark().map(m -> m.getLine() + 1).orElse(0);
  }

  private String keyOf(NodeTuple tuple) throws InvalidCatalogException {
    Node key = tuple.getKeyNode();
    if (!(key instanceof ScalarNode)) {
      throw error(key, "keys must be plain names");
    }
    return ((ScalarNode) key).getValue();
  }

  private static boolean isNull(Node n) {
    return n instanceof ScalarNode && Tag.NULL.equals(n.getTag());
  }
}
