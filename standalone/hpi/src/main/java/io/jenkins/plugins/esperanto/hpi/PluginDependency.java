package io.jenkins.plugins.esperanto.hpi;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One entry of the manifest's {@code Plugin-Dependencies}: {@code name:version}, followed by
 * {@code ;resolution:=optional} when optional. Parsed as {@code hudson.PluginWrapper.Dependency}
 * parses it (jenkinsci/jenkins {@code core/src/main/java/hudson/PluginWrapper.java}, tag
 * jenkins-2.555.3): the name is what precedes the first {@code :}; the entry is optional when one
 * of the {@code ;}-separated properties after the version is {@code resolution:=optional}.
 *
 * @param shortName the plugin's short name (its artifactId)
 * @param version the version required
 * @param optional whether Jenkins loads this plugin without it
 */
public record PluginDependency(String shortName, String version, boolean optional) {

  private static final String OPTIONAL = ";resolution:=optional";

  /**
   * The dependencies maven-hpi-plugin writes for the root POM: its direct runtime dependencies
   * that are plugins, in POM order, at the versions of the BOM.
   *
   * @param root the root POM
   * @param plugins the record of dependency plugins
   * @return the dependencies
   */
  public static List<PluginDependency> of(RootPom root, DependencyPlugins plugins) {
    List<PluginDependency> result = new ArrayList<>();
    for (RootPom.Dependency d : root.runtimeDependencies()) {
      plugins.plugin(d.artifactId()).ifPresent(p -> result.add(
          new PluginDependency(p.artifactId(), d.version().orElse(p.version()), d.optional())));
    }
    return List.copyOf(result);
  }

  /**
   * Parses a {@code Plugin-Dependencies} value.
   *
   * @param attribute the value, possibly empty
   * @return its entries
   * @throws IllegalArgumentException when an entry has no {@code :}
   */
  public static List<PluginDependency> parse(String attribute) {
    List<PluginDependency> result = new ArrayList<>();
    if (attribute.isEmpty()) {
      return result;
    }
    for (String entry : attribute.split(",")) {
      int colon = entry.indexOf(':');
      if (colon < 0) {
        throw new IllegalArgumentException("Plugin-Dependencies entry '" + entry + "' is not name:version");
      }
      String version = entry.substring(colon + 1);
      String[] properties = version.split(";");
      boolean optional = Arrays.stream(properties).skip(1).map(String::trim)
          .anyMatch(p -> p.equalsIgnoreCase("resolution:=optional"));
      result.add(new PluginDependency(entry.substring(0, colon), optional ? properties[0] : version, optional));
    }
    return List.copyOf(result);
  }

  /** @return the manifest form */
  @Override
  public String toString() {
    return shortName + ":" + version + (optional ? OPTIONAL : "");
  }
}
