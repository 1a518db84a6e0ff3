package io.jenkins.plugins.esperanto.hpi;

import java.text.SimpleDateFormat;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.jar.Attributes;
import java.util.jar.Manifest;
import java.util.stream.Collectors;

/**
 * The manifest of the {@code .hpi} (and of the plugin jar inside it), with the attributes
 * maven-hpi-plugin writes (jenkinsci/maven-hpi-plugin {@code AbstractJenkinsManifestMojo.setAttributes},
 * read at bcb67d71) after the Maven Archiver defaults, from the same POM values.
 */
public final class PluginManifest {

  private PluginManifest() {}

  /**
   * Builds the manifest.
   *
   * @param root the root POM
   * @param plugins the record of dependency plugins
   * @param dynamicLoading {@code Support-Dynamic-Loading}, empty when some extension is "maybe"
   * @param gitCommit the commit built, when known
   * @param builtBy the user building (part of a snapshot's {@code Plugin-Version}, as upstream)
   * @return the manifest
   */
  public static Manifest of(RootPom root, DependencyPlugins plugins, Optional<Boolean> dynamicLoading,
      Optional<String> gitCommit, String builtBy) {
    Manifest manifest = new Manifest();
    Attributes a = manifest.getMainAttributes();
    a.put(Attributes.Name.MANIFEST_VERSION, "1.0");
    a.putValue("Created-By", "esperanto standalone build (standalone/hpi)");
    a.putValue("Build-Jdk-Spec", System.getProperty("java.specification.version"));
    a.putValue("Specification-Title", root.name());
    a.putValue("Specification-Version", majorMinor(root.version()));
    a.putValue("Implementation-Title", root.name());
    a.putValue("Implementation-Version", root.version());
    a.putValue("Group-Id", root.groupId());
    a.putValue("Artifact-Id", root.artifactId());
    a.putValue("Short-Name", root.artifactId());
    a.putValue("Long-Name", root.name());
    root.url().ifPresent(url -> a.putValue("Url", url));
    a.putValue("Plugin-Version", pluginVersion(root.version(), gitCommit, builtBy));
    a.putValue("Hudson-Version", root.jenkinsVersion());
    a.putValue("Jenkins-Version", root.jenkinsVersion());
    List<PluginDependency> dependencies = PluginDependency.of(root, plugins);
    if (!dependencies.isEmpty()) {
      a.putValue("Plugin-Dependencies",
          dependencies.stream().map(PluginDependency::toString).collect(Collectors.joining(",")));
    }
    a.putValue("Plugin-Developers", root.developers().stream()
        .map(d -> d.name() + ":" + d.id() + ":" + d.email()).collect(Collectors.joining(",")));
    dynamicLoading.ifPresent(b -> a.putValue("Support-Dynamic-Loading", b.toString()));
    int n = 1;
    for (RootPom.License license : root.licenses()) {
      String suffix = n == 1 ? "" : "-" + n;
      license.name().ifPresent(v -> a.putValue("Plugin-License-Name" + suffix, v));
      license.url().ifPresent(v -> a.putValue("Plugin-License-Url" + suffix, v));
      n++;
    }
    gitCommit.ifPresent(sha -> a.putValue("Implementation-Build", sha));
    a.putValue("Minimum-Java-Version", root.javaRelease());
    return manifest;
  }

  /**
   * As upstream: a snapshot carries {@code (private-<commit, 8 chars>-<user>)}, or the build time
   * ({@code MM/dd/yyyy HH:mm}) in place of the commit outside a Git checkout.
   */
  private static String pluginVersion(String version, Optional<String> gitCommit, String builtBy) {
    if (!version.endsWith("-SNAPSHOT")) {
      return version;
    }
    String built = gitCommit.map(sha -> sha.substring(0, 8))
        .orElseGet(() -> new SimpleDateFormat("MM/dd/yyyy HH:mm", Locale.ROOT).format(new Date()));
    return version + " (private-" + built + "-" + builtBy + ")";
  }

  /** Maven Archiver's {@code Specification-Version}: major.minor of the project version. */
  private static String majorMinor(String version) {
    String[] parts = version.split("[.-]");
    return parts[0] + "." + (parts.length > 1 ? parts[1] : "0");
  }
}
