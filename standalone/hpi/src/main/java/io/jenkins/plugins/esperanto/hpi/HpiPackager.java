package io.jenkins.plugins.esperanto.hpi;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * Assembles {@code esperanto-docker.hpi} as maven-hpi-plugin's {@code hpi} goal lays it out
 * (jenkinsci/maven-hpi-plugin {@code HpiMojo} and {@code AbstractHpiMojo.buildWebapp}, read at
 * bcb67d71): the manifest; {@code WEB-INF/lib/<artifactId>.jar} with the plugin's classes,
 * resources and indices and the same manifest; the bundled third-party jars beside it, named
 * {@code artifactId-version.jar}; {@code WEB-INF/licenses.xml}; and the POM under {@code META-INF/maven/}.
 *
 * <p>Usage: {@code HpiPackager <root pom.xml> <dependency-plugins.txt> <folder of the engine and glue jars>
 * <folder of the jars to bundle> <local Maven repository> <output .hpi>}.
 */
public final class HpiPackager {

  private final RootPom root;
  private final Path rootPomFile;
  private final DependencyPlugins plugins;

  private HpiPackager(Path rootPomFile, RootPom root, DependencyPlugins plugins) {
    this.rootPomFile = rootPomFile;
    this.root = root;
    this.plugins = plugins;
  }

  /**
   * Builds the .hpi.
   *
   * @param args see the class documentation
   * @throws IOException when an input is missing or malformed
   */
  public static void main(String[] args) throws IOException {
    if (args.length != 6) {
      throw new IllegalArgumentException("usage: HpiPackager <root pom.xml> <dependency-plugins.txt> <plugin jars folder>"
          + " <bundled jars folder> <local Maven repository> <output .hpi>");
    }
    Path pom = Path.of(args[0]);
    HpiPackager packager = new HpiPackager(pom, RootPom.read(pom), DependencyPlugins.read(Path.of(args[1])));
    packager.write(jarsIn(Path.of(args[2])), jarsIn(Path.of(args[3])), Path.of(args[4]), Path.of(args[5]));
  }

  private void write(List<Path> pluginJars, List<Path> bundled, Path localRepository, Path hpi) throws IOException {
    Map<String, byte[]> classes = mergedEntries(pluginJars);
    if (!classes.containsKey("index.jelly")) {
      throw new IOException("Tried to package the plugin but failed because its jars hold no index.jelly "
          + "(the plugin description, src/main/resources/index.jelly); maven-hpi-plugin refuses that too");
    }
    Optional<Boolean> dynamicLoading;
    try (ExtensionIndex index = ExtensionIndex.over(pluginJars)) {
      dynamicLoading = index.dynamicLoading();
    }
    Manifest manifest = PluginManifest.of(root, plugins, dynamicLoading, gitCommit(rootPomFile.getParent()),
        System.getProperty("user.name"));

    Files.createDirectories(hpi.toAbsolutePath().getParent());
    try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(hpi))) {
      manifestFirst(out, manifest);
      mavenDescriptor(out);
      directory(out, "WEB-INF/");
      out.putNextEntry(new JarEntry("WEB-INF/licenses.xml"));
      out.write(LicensesXml.of(root, libraries(), localRepository));
      out.closeEntry();
      directory(out, "WEB-INF/lib/");
      out.putNextEntry(new JarEntry("WEB-INF/lib/" + root.artifactId() + ".jar"));
      out.write(pluginJar(manifest, classes));
      out.closeEntry();
      for (Path jar : bundled) {
        out.putNextEntry(new JarEntry("WEB-INF/lib/" + jar.getFileName()));
        Files.copy(jar, out);
        out.closeEntry();
      }
    }
  }

  /** The root POM's dependencies that are no dependency plugin: the bundled libraries. */
  private List<RootPom.Coordinates> libraries() {
    return root.runtimeDependencies().stream().filter(d -> plugins.plugin(d.artifactId()).isEmpty())
        .map(d -> new RootPom.Coordinates(d.groupId(), d.artifactId(), d.version().orElseThrow(
            () -> new IllegalStateException(d.groupId() + ":" + d.artifactId() + " has no version in the root pom.xml"))))
        .toList();
  }

  /** The engine's and the glue's entries, minus their own manifests and Maven descriptors. */
  private static Map<String, byte[]> mergedEntries(List<Path> jars) throws IOException {
    Map<String, byte[]> entries = new LinkedHashMap<>();
    for (Path jar : jars) {
      try (ZipInputStream in = new ZipInputStream(Files.newInputStream(jar))) {
        for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
          String name = e.getName();
          if (name.equals("META-INF/MANIFEST.MF") || name.startsWith("META-INF/maven/")) {
            continue;
          }
          byte[] bytes = in.readAllBytes();
          byte[] before = entries.putIfAbsent(name, bytes);
          if (before != null && !e.isDirectory() && !Arrays.equals(before, bytes)) {
            throw new IOException("Tried to merge " + jars + " into the plugin jar but failed because both hold a different "
                + name + "; give one of them another name");
          }
        }
      }
    }
    return entries;
  }

  private byte[] pluginJar(Manifest manifest, Map<String, byte[]> entries) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (JarOutputStream jar = new JarOutputStream(bytes)) {
      manifestFirst(jar, manifest);
      mavenDescriptor(jar);
      for (Map.Entry<String, byte[]> e : entries.entrySet()) {
        if (e.getKey().equals("META-INF/")) {
          continue;
        }
        jar.putNextEntry(new JarEntry(e.getKey()));
        jar.write(e.getValue());
        jar.closeEntry();
      }
    }
    return bytes.toByteArray();
  }

  /** As Plexus Archiver: {@code META-INF/}, then {@code META-INF/MANIFEST.MF}, before anything else. */
  private static void manifestFirst(JarOutputStream out, Manifest manifest) throws IOException {
    directory(out, "META-INF/");
    out.putNextEntry(new JarEntry(JarFile.MANIFEST_NAME));
    manifest.write(out);
    out.closeEntry();
  }

  /** Maven Archiver's {@code META-INF/maven/<groupId>/<artifactId>/pom.xml} and {@code pom.properties}. */
  private void mavenDescriptor(JarOutputStream out) throws IOException {
    String folder = "META-INF/maven/" + root.groupId() + "/" + root.artifactId() + "/";
    directory(out, "META-INF/maven/");
    directory(out, "META-INF/maven/" + root.groupId() + "/");
    directory(out, folder);
    out.putNextEntry(new JarEntry(folder + "pom.xml"));
    Files.copy(rootPomFile, out);
    out.closeEntry();
    out.putNextEntry(new JarEntry(folder + "pom.properties"));
    String properties = "artifactId=" + root.artifactId() + "\ngroupId=" + root.groupId() + "\nversion=" + root.version() + "\n";
    out.write(properties.getBytes(StandardCharsets.ISO_8859_1));
    out.closeEntry();
  }

  private static void directory(JarOutputStream out, String name) throws IOException {
    out.putNextEntry(new JarEntry(name));
    out.closeEntry();
  }

  /** As maven-hpi-plugin: {@code git rev-parse HEAD} in the project folder, if it answers. */
  private static Optional<String> gitCommit(Path folder) {
    try {
      Process git = new ProcessBuilder("git", "rev-parse", "HEAD").directory(folder.toFile())
          .redirectErrorStream(true).start();
      git.getOutputStream().close();
      String sha;
      try (InputStream in = git.getInputStream()) {
        sha = new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
      }
      return git.waitFor() == 0 && sha.matches("[0-9a-f]{40,64}") ? Optional.of(sha) : Optional.empty();
    } catch (IOException e) {
      return Optional.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    }
  }

  private static List<Path> jarsIn(Path folder) throws IOException {
    try (Stream<Path> files = Files.list(folder)) {
      return files.filter(p -> p.toString().endsWith(".jar")).sorted().toList();
    }
  }
}
