package io.jenkins.plugins.esperanto.hpi;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The committed record of the dependency plugins ({@code standalone/hpi/dependency-plugins.txt}):
 * each plugin's version in the BOM, the jars it bundles and the Java packages it exports.
 */
public final class DependencyPlugins {

  private final String bom;
  private final Map<String, Plugin> byArtifactId;

  private DependencyPlugins(String bom, Map<String, Plugin> byArtifactId) {
    this.bom = bom;
    this.byArtifactId = byArtifactId;
  }

  /**
   * Reads the record.
   *
   * @param file {@code dependency-plugins.txt}
   * @return its plugins
   * @throws IOException when it cannot be read or a line is malformed
   */
  public static DependencyPlugins read(Path file) throws IOException {
    Map<String, Plugin.Builder> plugins = new LinkedHashMap<>();
    Plugin.Builder current = null;
    String bom = null;
    int number = 0;
    for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
      number++;
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      String[] words = line.trim().split("\\s+", 2);
      if (words[0].equals("bom") && words.length == 2) {
        bom = words[1];
      } else if (words[0].equals("plugin")) {
        String[] fields = words.length > 1 ? words[1].split("\\s+") : new String[0];
        if (fields.length != 3) {
          throw malformed(file, number, "plugin <artifactId> <groupId> <version>");
        }
        current = new Plugin.Builder(fields[0], fields[1], fields[2]);
        plugins.put(fields[0], current);
      } else if (current == null) {
        throw malformed(file, number, "a \"plugin\" line first");
      } else if (words[0].equals("bundles") && words.length == 2) {
        current.bundles.add(words[1]);
      } else if (words[0].equals("package") && words.length == 2) {
        current.packages.add(words[1]);
      } else if (!words[0].equals("read")) {
        throw malformed(file, number, "plugin, read, bundles or package");
      }
    }
    if (bom == null) {
      throw malformed(file, number, "a \"bom <groupId:artifactId:version>\" line");
    }
    Map<String, Plugin> built = new LinkedHashMap<>();
    plugins.forEach((id, b) -> built.put(id, b.build()));
    return new DependencyPlugins(bom, built);
  }

  private static IOException malformed(Path file, int line, String expected) {
    return new IOException(file + " line " + line + ": expected " + expected);
  }

  /** @return the BOM the versions were read from, as {@code groupId:artifactId:version} */
  public String bom() {
    return bom;
  }

  /**
   * @param artifactId a plugin's artifactId (its short name)
   * @return the plugin, or empty when it is not recorded (then it is not a plugin)
   */
  public Optional<Plugin> plugin(String artifactId) {
    return Optional.ofNullable(byArtifactId.get(artifactId));
  }

  /** @return every recorded plugin */
  public List<Plugin> all() {
    return List.copyOf(byArtifactId.values());
  }

  /**
   * A dependency plugin.
   *
   * @param artifactId its short name
   * @param groupId its group
   * @param version its version in the BOM
   * @param bundles the jars it bundles, as {@code groupId:artifactId:version}
   * @param packages the Java packages it exports
   */
  public record Plugin(String artifactId, String groupId, String version, List<String> bundles,
      Set<String> packages) {

    /** @return whether it bundles a jar of that artifactId */
    boolean bundlesArtifact(String jarArtifactId) {
      return bundles.stream().anyMatch(gav -> gav.split(":")[1].equals(jarArtifactId));
    }

    private static final class Builder {
      private final String artifactId;
      private final String groupId;
      private final String version;
      private final List<String> bundles = new ArrayList<>();
      private final Set<String> packages = new TreeSet<>();

      Builder(String artifactId, String groupId, String version) {
        this.artifactId = artifactId;
        this.groupId = groupId;
        this.version = version;
      }

      Plugin build() {
        return new Plugin(artifactId, groupId, version, List.copyOf(bundles), Set.copyOf(packages));
      }
    }
  }
}
