package io.jenkins.plugins.esperanto.engine.run;

import io.jenkins.plugins.esperanto.engine.api.EsperantoException;
import io.jenkins.plugins.esperanto.engine.api.HostHome;
import io.jenkins.plugins.esperanto.engine.api.Printable;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;

/**
 * The CLI's {@code policy.yaml}: the same four lists as the Jenkins global configuration, each
 * a YAML list (or one string) of entries:
 *
 * <pre>
 * allowedHostPaths: [/var/run/docker.sock]
 * allowedDevices: [/dev/fuse]
 * allowedGroups: [docker]
 * allowedNetworks: [host]
 * </pre>
 */
public final class RunPolicyFile {
  private static final long MAX_BYTES = 64 * 1024;
  private static final List<String> KEYS =
      List.of("allowedHostPaths", "allowedDevices", "allowedGroups", "allowedNetworks");

  private RunPolicyFile() {}

  /**
   * The policy in {@code file}; the default one when the file does not exist.
   *
   * @throws EsperantoException one line naming the file and key when it cannot be used
   */
  public static RunPolicy load(Path file) throws EsperantoException {
    if (!Files.exists(file)) {
      return RunPolicy.defaults();
    }
    Object root;
    try {
      if (!Files.isRegularFile(file) || Files.size(file) > MAX_BYTES) {
        throw new EsperantoException(file + " must be a regular file of at most 64 KiB");
      }
      String text = Files.readString(file, StandardCharsets.UTF_8);
      root = new Load(LoadSettings.builder().setLabel(file.toString()).setAllowDuplicateKeys(false).build())
          .loadFromString(text);
    } catch (IOException | YamlEngineException e) {
      throw new EsperantoException("Tried to read " + file + " but failed because "
          + Printable.of(String.valueOf(e.getMessage()).replace('\n', ' ').trim()));
    }
    if (root == null) {
      return RunPolicy.defaults();
    }
    if (!(root instanceof Map)) {
      throw new EsperantoException(file + " must be a mapping with the keys " + String.join(", ", KEYS));
    }
    Map<?, ?> map = (Map<?, ?>) root;
    for (Object key : map.keySet()) {
      if (!KEYS.contains(String.valueOf(key))) {
        throw new EsperantoException(file + ": unknown key '" + Printable.of(String.valueOf(key))
            + "'; expected one of " + String.join(", ", KEYS));
      }
    }
    try {
      return RunPolicy.of(list(file, map, KEYS.get(0)), list(file, map, KEYS.get(1)), list(file, map, KEYS.get(2)),
          list(file, map, KEYS.get(3)));
    } catch (IllegalArgumentException e) {
      throw new EsperantoException(file + ": " + e.getMessage());
    }
  }

  /**
   * {@code $XDG_CONFIG_HOME/esperanto/policy.yaml}, else {@code ~/.config/esperanto/policy.yaml};
   * empty without either (no file to read: the defaults apply).
   */
  public static Optional<Path> defaultLocation(Map<String, String> env, Optional<Path> home) {
    return HostHome.of(env.get("XDG_CONFIG_HOME"))
        .or(() -> home.map(h -> h.resolve(".config")))
        .map(config -> config.resolve("esperanto").resolve("policy.yaml"));
  }

  private static List<String> list(Path file, Map<?, ?> map, String key) throws EsperantoException {
    Object value = map.get(key);
    List<String> entries = new ArrayList<>();
    if (value == null) {
      return entries;
    }
    for (Object entry : value instanceof List ? (List<?>) value : List.of(value)) {
      if (entry instanceof Integer || entry instanceof Long) {
        entry = String.valueOf(entry); // a gid in allowedGroups
      }
      if (!(entry instanceof String)) {
        throw new EsperantoException(file + ": " + key + " must be a list of text entries, not '"
            + Printable.of(String.valueOf(entry)) + "'");
      }
      entries.add((String) entry);
    }
    return entries;
  }
}
