package io.jenkins.plugins.esperanto.engine.registry;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;

/**
 * Reads registry credentials from {@code ~/.config/esperanto/config.yaml}:
 *
 * <pre>
 * registries:
 *   "registry.example.com:5000":
 *     username: ci
 *     password: ...
 *   "123456789012.dkr.ecr.eu-north-1.amazonaws.com":
 *     awsAccessKeyId: AKIA...
 *     awsSecretAccessKey: ...
 *     awsSessionToken: ...        # optional
 *     roleArn: arn:aws:iam::...   # optional
 *     # or, instead of keys:  awsProfile: name
 * </pre>
 *
 * Like ssh with a private key, the file is refused when its mode gives group or others any
 * access. Errors name the file, line and key, never a value: YAML parser messages quote the
 * offending line, which may hold a password, so they are not passed on.
 */
final class ConfigFileCredentials {
  private static final Set<PosixFilePermission> OWNER_ONLY =
      EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_EXECUTE);
  private static final Set<String> KEYS =
      Set.of("username", "password", "awsAccessKeyId", "awsSecretAccessKey", "awsSessionToken", "roleArn", "awsProfile");

  private final Path file;

  ConfigFileCredentials(Path file) {
    this.file = file;
  }

  /**
   * The credentials configured for {@code host}, or empty when the file or the entry is missing.
   *
   * @throws RegistryCredentialsException when the file is open to others or malformed
   */
  Optional<RegistryCredentials> forHost(String host) throws RegistryCredentialsException {
    String text;
    try {
      checkMode();
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException e) {
      throw new RegistryCredentialsException("Tried to read credentials from " + file + " but could not: " + e.getClass().getSimpleName());
    }
    Map<String, Map<String, ScalarNode>> registries = parse(text);
    Map<String, ScalarNode> entry = registries.get(host);
    return entry == null ? Optional.empty() : Optional.of(toCredentials(host, entry));
  }

  private void checkMode() throws IOException, RegistryCredentialsException {
    Set<PosixFilePermission> mode = Files.getPosixFilePermissions(file, LinkOption.NOFOLLOW_LINKS);
    Set<PosixFilePermission> others = EnumSet.copyOf(mode.isEmpty() ? OWNER_ONLY : mode);
    others.removeAll(OWNER_ONLY);
    if (!mode.isEmpty() && !others.isEmpty()) {
      throw new RegistryCredentialsException(
          "Refusing to read credentials from " + file + ": its mode " + PosixFilePermissions.toString(mode)
              + " gives other users access to it; run 'chmod 600 " + file + "'");
    }
  }

  private Map<String, Map<String, ScalarNode>> parse(String text) throws RegistryCredentialsException {
    Node root;
    try {
      root = new Compose(LoadSettings.builder().setLabel(file.toString()).build()).composeString(text).orElse(null);
    } catch (MarkedYamlEngineException e) {
      throw error(e.getProblemMark().map(m -> m.getLine() + 1).orElse(0), "it is not valid YAML");
    } catch (YamlEngineException e) {
      throw error(0, "it is not valid YAML");
    }
    Map<String, Map<String, ScalarNode>> result = new HashMap<>();
    if (root == null) {
      return result;
    }
    for (NodeTuple top : mapping(root, "the top level").getValue()) {
      String key = scalar(top.getKeyNode(), "a top-level key");
      if (!key.equals("registries")) {
        throw error(line(top.getKeyNode()), "it has unknown key '" + key + "'; expected 'registries'");
      }
      for (NodeTuple registry : mapping(top.getValueNode(), "'registries'").getValue()) {
        String host = scalar(registry.getKeyNode(), "a registry host");
        Map<String, ScalarNode> fields = new HashMap<>();
        for (NodeTuple field : mapping(registry.getValueNode(), "registry '" + host + "'").getValue()) {
          String name = scalar(field.getKeyNode(), "a key of registry '" + host + "'");
          if (!KEYS.contains(name)) {
            throw error(line(field.getKeyNode()), "it has unknown key '" + name + "' under registry '" + host
                + "'; expected one of " + String.join(", ", KEYS.stream().sorted().toList()));
          }
          if (!(field.getValueNode() instanceof ScalarNode)) {
            throw error(line(field.getValueNode()), "key '" + name + "' under registry '" + host + "' must be a string");
          }
          fields.put(name, (ScalarNode) field.getValueNode());
        }
        result.put(host, fields);
      }
    }
    return result;
  }

  private RegistryCredentials toCredentials(String host, Map<String, ScalarNode> f) throws RegistryCredentialsException {
    String source = "config file " + file + " (registry '" + host + "')";
    Optional<String> roleArn = value(f, "roleArn");
    if (f.containsKey("username") || f.containsKey("password")) {
      return RegistryCredentials.usernamePassword(
          require(f, "username", host), Secret.of(require(f, "password", host)), source);
    }
    if (f.containsKey("awsAccessKeyId") || f.containsKey("awsSecretAccessKey")) {
      return RegistryCredentials.awsKeys(
          require(f, "awsAccessKeyId", host), Secret.of(require(f, "awsSecretAccessKey", host)),
          value(f, "awsSessionToken").map(Secret::of), roleArn, source);
    }
    return RegistryCredentials.awsDefaultChain(value(f, "awsProfile"), roleArn, source);
  }

  private static Optional<String> value(Map<String, ScalarNode> f, String key) {
    return Optional.ofNullable(f.get(key)).map(ScalarNode::getValue).filter(v -> !v.isEmpty());
  }

  private String require(Map<String, ScalarNode> f, String key, String host) throws RegistryCredentialsException {
    Optional<String> v = value(f, key);
    if (v.isEmpty()) {
      int line = f.values().stream().mapToInt(ConfigFileCredentials::line).min().orElse(0);
      throw error(line, "registry '" + host + "' needs '" + key + "' as well");
    }
    return v.get();
  }

  private MappingNode mapping(Node node, String what) throws RegistryCredentialsException {
    if (!(node instanceof MappingNode)) {
      throw error(line(node), what + " must be a mapping");
    }
    return (MappingNode) node;
  }

  private String scalar(Node node, String what) throws RegistryCredentialsException {
    if (!(node instanceof ScalarNode)) {
      throw error(line(node), what + " must be a string");
    }
    return ((ScalarNode) node).getValue();
  }

  private static int line(Node node) {
    return node.getStartMark().map(m -> m.getLine() + 1).orElse(0);
  }

  private RegistryCredentialsException error(int line, String problem) {
    return new RegistryCredentialsException(
        "Tried to read credentials from " + file + (line > 0 ? " line " + line : "") + " but " + problem);
  }
}
