package io.jenkins.plugins.esperanto.hpi;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.jar.JarInputStream;
import java.util.jar.Manifest;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Tests of the built {@code esperanto-docker.hpi} itself: its layout is the one maven-hpi-plugin
 * writes (jenkinsci/maven-hpi-plugin {@code HpiMojo}, and its {@code src/it/verify-it/verify.groovy}
 * for the manifest of a real build, read at bcb67d71), and nothing the root POM declares is lost.
 */
class HpiArtifactTest {

  private static Path hpi;
  private static RootPom root;
  private static Map<String, byte[]> entries;
  private static Attributes manifest;

  @BeforeAll
  static void open() throws IOException {
    hpi = Path.of(System.getProperty("hpi.file"));
    root = RootPom.read(Path.of(System.getProperty("repo.root"), "pom.xml"));
    entries = HpiCopy.read(Files.newInputStream(hpi));
    try (JarFile jar = new JarFile(hpi.toFile())) {
      manifest = jar.getManifest().getMainAttributes();
    }
  }

  @Test
  void layout_manifestPluginJarBundledJarsAndPom() {
    Set<String> names = new TreeSet<>(entries.keySet());
    names.removeIf(n -> n.endsWith("/"));
    String pomFolder = "META-INF/maven/" + root.groupId() + "/" + root.artifactId() + "/";

    assertThat(entries.keySet()).startsWith("META-INF/", "META-INF/MANIFEST.MF");
    assertThat(names).containsExactlyInAnyOrder("META-INF/MANIFEST.MF", pomFolder + "pom.xml",
        pomFolder + "pom.properties", "WEB-INF/licenses.xml", "WEB-INF/lib/esperanto-docker.jar",
        "WEB-INF/lib/docker-java-transport-zerodep-3.7.1.jar", "WEB-INF/lib/url-connection-client-2.42.33.jar");
  }

  @Test
  void pluginJar_carriesTheHpiManifest() throws IOException {
    Manifest inner;
    try (JarInputStream in = new JarInputStream(new ByteArrayInputStream(entries.get("WEB-INF/lib/esperanto-docker.jar")))) {
      inner = in.getManifest();
    }

    assertThat(inner.getMainAttributes()).isEqualTo(manifest);
  }

  @Test
  void manifest_theAttributesARealBuildWrites() {
    assertThat(manifest.getValue("Short-Name")).isEqualTo("esperanto-docker");
    assertThat(manifest.getValue("Long-Name")).isEqualTo("Esperanto Docker");
    assertThat(manifest.getValue("Jenkins-Version")).isEqualTo("2.555.3");
    // the root POM's release: core 2.555.x runs on Java 21 or newer
    assertThat(manifest.getValue("Minimum-Java-Version")).isEqualTo("21");
    assertThat(manifest.getValue("Plugin-Version")).matches("0\\.1\\.0-SNAPSHOT \\(private-[0-9a-f]{8}-.+\\)");
    assertThat(manifest.getValue("Implementation-Build")).matches("[0-9a-f]{40}");
    assertThat(manifest.getValue("Specification-Title")).isEqualTo("Esperanto Docker");
    assertThat(manifest.getValue("Implementation-Title")).isEqualTo("Esperanto Docker");
  }

  /** As the plugin parent POM ({@code maven.compiler.parameters}): Stapler reads the names by reflection. */
  @Test
  void pluginJar_classesCarryParameterNames() throws IOException {
    Map<String, byte[]> jar = HpiCopy.read(new ByteArrayInputStream(entries.get("WEB-INF/lib/esperanto-docker.jar")));
    byte[] step = jar.get("io/jenkins/plugins/esperanto/steps/EsperantoImageStep.class");

    assertThat(new String(step, StandardCharsets.ISO_8859_1)).contains("MethodParameters");
  }

  /** Every runtime dependency of the root POM is either a declared plugin or a bundled jar. */
  @Test
  void rootPomDependencies_eachIsAPluginDependencyOrABundledJar() {
    Set<String> declared = PluginDependency.parse(manifest.getValue("Plugin-Dependencies")).stream()
        .map(PluginDependency::shortName).collect(Collectors.toSet());
    List<String> lost = root.runtimeDependencies().stream()
        .filter(d -> !declared.contains(d.artifactId()))
        .filter(d -> d.version().isEmpty() || !entries.containsKey("WEB-INF/lib/" + d.jarName()))
        .map(d -> d.groupId() + ":" + d.artifactId()).toList();

    assertThat(lost).isEmpty();
    assertThat(declared).contains("workflow-step-api", "credentials", "aws-credentials", "docker-java-api",
        "aws-java-sdk2-ecr", "aws-java-sdk2-core", "commons-compress-api", "snakeyaml-engine-api", "ionicons-api");
  }
}
