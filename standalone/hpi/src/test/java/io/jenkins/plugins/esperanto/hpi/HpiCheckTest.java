package io.jenkins.plugins.esperanto.hpi;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.jar.Manifest;
import net.java.sezpoz.impl.SerAnnotatedElement;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Tests for {@link HpiCheck}: each failure mode is shown on a deliberately broken copy of the
 * built .hpi, and the unbroken .hpi passes.
 */
class HpiCheckTest {

  private static final String EXTENSION_INDEX = "META-INF/annotations/hudson.Extension";

  private static HpiCheck check;
  private static Path hpi;

  @TempDir Path dir;

  @BeforeAll
  static void build() throws IOException {
    hpi = Path.of(System.getProperty("hpi.file"));
    check = HpiCheck.of(Path.of(System.getProperty("repo.root")), Path.of(System.getProperty("dependency.plugins")));
  }

  @AfterEach
  void unlinkSources() throws IOException {
    // Only the link: the repository's sources stay where they are.
    Files.deleteIfExists(dir.resolve("repository/src"));
  }

  @Test
  void problems_builtHpi_none() throws IOException {
    assertThat(check.problems(hpi)).isEmpty();
  }

  @Test
  void problems_extensionMissingFromSezPozIndex_namesTheClass() throws IOException {
    Path broken = HpiCopy.withPluginJarEdited(hpi, dir.resolve("broken.hpi"),
        jar -> jar.put(EXTENSION_INDEX, sezpozIndexWithout(jar.get(EXTENSION_INDEX),
            "io.jenkins.plugins.esperanto.steps.EsperantoImageStep$DescriptorImpl")));

    assertThat(check.problems(broken)).containsExactly(
        "io.jenkins.plugins.esperanto.steps.EsperantoImageStep$DescriptorImpl is an @Extension class in the sources"
            + " but missing from the SezPoz index META-INF/annotations/hudson.Extension: Jenkins would never find it");
  }

  @Test
  void problems_symbolIndexMissing_namesTheSymbolClass() throws IOException {
    Path broken = HpiCopy.withPluginJarEdited(hpi, dir.resolve("broken.hpi"),
        jar -> jar.remove("META-INF/services/annotations/org.jenkinsci.Symbol"));

    assertThat(check.problems(broken)).containsExactly(
        "io.jenkins.plugins.esperanto.config.EsperantoConfiguration is an @Symbol class in the sources but missing"
            + " from the annotation-indexer index META-INF/services/annotations/org.jenkinsci.Symbol:"
            + " Jenkins would never find it");
  }

  @Test
  void problems_dependencyPluginMissingFromManifest_namesIt() throws IOException {
    Path broken = HpiCopy.edited(hpi, dir.resolve("broken.hpi"), entries -> {
      Manifest manifest = manifest(entries.get("META-INF/MANIFEST.MF"));
      String deps = manifest.getMainAttributes().getValue("Plugin-Dependencies");
      manifest.getMainAttributes().putValue("Plugin-Dependencies",
          deps.replace(",credentials:1511.v2e3cb_0008ef0", ""));
      entries.put("META-INF/MANIFEST.MF", bytes(manifest));
    });

    assertThat(check.problems(broken)).containsExactly(
        "Manifest Plugin-Dependencies lacks credentials:1511.v2e3cb_0008ef0 (a plugin dependency of the root"
            + " pom.xml): Jenkins would load the plugin without it");
  }

  @Test
  void problems_rootPomGainsAPluginDependency_manifestLacksIt() throws IOException {
    HpiCheck drifted = checkWithRootPom(pom -> pom.replace("  <dependencies>\n",
        "  <dependencies>\n    <dependency><groupId>org.jenkins-ci.plugins</groupId><artifactId>jackson2-api</artifactId></dependency>\n"));

    assertThat(drifted.problems(hpi)).containsExactly(
        "Manifest Plugin-Dependencies lacks jackson2-api:2.22.1-443.vc91f592333c4 (a plugin dependency of the root"
            + " pom.xml): Jenkins would load the plugin without it");
  }

  @Test
  void problems_rootPomImportsAnotherBom_namesBoth() throws IOException {
    HpiCheck drifted = checkWithRootPom(pom -> pom.replace("<version>6916.v15ec97679743</version>", "<version>7000.v0</version>"));

    assertThat(drifted.problems(hpi)).containsExactly("dependency-plugins.txt records the versions of"
        + " io.jenkins.tools.bom:bom-2.555.x:6916.v15ec97679743 but the root pom.xml imports"
        + " [io.jenkins.tools.bom:bom-2.555.x:7000.v0]: read the plugins' versions, bundled jars and packages again at that BOM");
  }

  @Test
  void problems_supportDynamicLoadingClaimedWhileExtensionsSayMaybe_namesIt() throws IOException {
    Path broken = HpiCopy.edited(hpi, dir.resolve("broken.hpi"), entries -> {
      Manifest manifest = manifest(entries.get("META-INF/MANIFEST.MF"));
      manifest.getMainAttributes().putValue("Support-Dynamic-Loading", "true");
      entries.put("META-INF/MANIFEST.MF", bytes(manifest));
    });

    assertThat(check.problems(broken)).containsExactly("Manifest Support-Dynamic-Loading is true, expected none"
        + " (an extension is dynamicLoadable=MAYBE) from the @Extension index");
  }

  @Test
  void problems_jarOfADependencyPluginBundled_namesPluginAndPackage() throws IOException {
    Path dockerJavaCore = Path.of(codeSource("com.github.dockerjava.core.DockerClientImpl"));
    String jarName = dockerJavaCore.getFileName().toString();
    Path broken = HpiCopy.edited(hpi, dir.resolve("broken.hpi"), entries -> {
      try {
        entries.put("WEB-INF/lib/" + jarName, Files.readAllBytes(dockerJavaCore));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    });

    List<String> problems = check.problems(broken);

    assertThat(jarName).isEqualTo("docker-java-core-3.7.1.jar");
    assertThat(problems).contains(
        "WEB-INF/lib/docker-java-core-3.7.1.jar is bundled, but the root pom.xml has no such library dependency",
        "WEB-INF/lib/docker-java-core-3.7.1.jar is a jar that the dependency plugin docker-java-api"
            + " 3.7.1-136.v5d70f77a_c3d6 already bundles: two copies on the class path break class loading in Jenkins");
    assertThat(problems).anyMatch(p -> p.startsWith("WEB-INF/lib/docker-java-core-3.7.1.jar holds com/github/dockerjava/core/")
        && p.endsWith(" in package com.github.dockerjava.core, which the dependency plugin docker-java-api"
            + " 3.7.1-136.v5d70f77a_c3d6 provides"));
  }

  @Test
  void problems_licensesXmlLacksABundledJar_namesIt() throws IOException {
    Path broken = HpiCopy.edited(hpi, dir.resolve("broken.hpi"), entries -> {
      String xml = new String(entries.get("WEB-INF/licenses.xml"), StandardCharsets.UTF_8);
      entries.put("WEB-INF/licenses.xml", xml.replaceAll("(?s)<l:dependency [^>]*artifactId='url-connection-client'.*?</l:dependency>", "")
          .getBytes(StandardCharsets.UTF_8));
    });

    assertThat(check.problems(broken)).containsExactly(
        "WEB-INF/licenses.xml does not list the bundled software.amazon.awssdk:url-connection-client:2.42.33");
  }

  @Test
  void problems_helpFileMissing_namesIt() throws IOException {
    String help = "io/jenkins/plugins/esperanto/steps/InsideEsperantoStep/help-image.html";
    Path broken = HpiCopy.withPluginJarEdited(hpi, dir.resolve("broken.hpi"), jar -> jar.remove(help));

    assertThat(check.problems(broken)).containsExactly(help + " (src/main/resources) is missing from the plugin jar");
  }

  @Test
  void problems_configViewMissing_namesTheDescribable() throws IOException {
    String view = "io/jenkins/plugins/esperanto/config/EsperantoConfiguration/config.jelly";
    Path broken = HpiCopy.withPluginJarEdited(hpi, dir.resolve("broken.hpi"), jar -> jar.remove(view));

    assertThat(check.problems(broken)).containsExactly(
        view + " (src/main/resources) is missing from the plugin jar",
        view + " is missing from the plugin jar: io.jenkins.plugins.esperanto.config.EsperantoConfiguration has no"
            + " configuration form");
  }

  /** A check against a copy of the repository whose root pom.xml went through {@code edit}. */
  private HpiCheck checkWithRootPom(UnaryOperator<String> edit) throws IOException {
    Path repository = Path.of(System.getProperty("repo.root"));
    Path copy = Files.createDirectories(dir.resolve("repository"));
    String pom = Files.readString(repository.resolve("pom.xml"));
    String edited = edit.apply(pom);
    assertThat(edited).as("the edit changed the root pom.xml").isNotEqualTo(pom);
    Files.writeString(copy.resolve("pom.xml"), edited);
    Files.createSymbolicLink(copy.resolve("src"), repository.resolve("src").toAbsolutePath().normalize());
    return HpiCheck.of(copy, Path.of(System.getProperty("dependency.plugins")));
  }

  /** SezPoz's index: serialized {@link SerAnnotatedElement}s ended by {@code null} (sezpoz 1.13 Indexer). */
  private static byte[] sezpozIndexWithout(byte[] index, String className) {
    try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(index))) {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      boolean removed = false;
      try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
        for (Object o = in.readObject(); o != null; o = in.readObject()) {
          SerAnnotatedElement element = (SerAnnotatedElement) o;
          if (element.className.equals(className)) {
            removed = true;
          } else {
            out.writeObject(element);
          }
        }
        out.writeObject(null);
      }
      assertThat(removed).as("the index listed %s", className).isTrue();
      return bytes.toByteArray();
    } catch (IOException | ClassNotFoundException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Manifest manifest(byte[] bytes) {
    try {
      return new Manifest(new ByteArrayInputStream(bytes));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static byte[] bytes(Manifest manifest) {
    try {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      manifest.write(out);
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static URI codeSource(String className) {
    try {
      return Class.forName(className).getProtectionDomain().getCodeSource().getLocation().toURI();
    } catch (ReflectiveOperationException | URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }
}
