package io.jenkins.plugins.esperanto.hpi;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.Attributes;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipInputStream;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

/**
 * Checks a built {@code .hpi} the way Jenkins reads it, against the sources and the root POM.
 *
 * <p>As {@code hudson.ClassicPluginStrategy.createPluginWrapper} (jenkinsci/jenkins tag
 * jenkins-2.555.3): the archive is exploded, the manifest read from the exploded
 * {@code META-INF/MANIFEST.MF}, the class path is {@code WEB-INF/lib/*.jar} (a
 * {@code WEB-INF/classes} folder is deprecated), {@code Plugin-Dependencies} is split on commas
 * into {@code PluginWrapper.Dependency}s, {@code Jenkins-Version} is the core required. As
 * {@code ExtensionFinder.Sezpoz}: extensions are what the SezPoz index on that class path lists.
 *
 * <p>Each problem is one line naming what is wrong and what was expected.
 */
public final class HpiCheck {

  private static final String EXTENSION = "hudson.Extension";
  private static final String SYMBOL = "org.jenkinsci.Symbol";
  private static final String EXPORTED_BEAN = "org.kohsuke.stapler.export.ExportedBean";

  private final Path repository;
  private final RootPom root;
  private final DependencyPlugins plugins;
  private final SourceIndex sources;

  private HpiCheck(Path repository, RootPom root, DependencyPlugins plugins, SourceIndex sources) {
    this.repository = repository;
    this.root = root;
    this.plugins = plugins;
    this.sources = sources;
  }

  /**
   * A check against a repository's root POM and sources.
   *
   * @param repository the repository root (holds {@code pom.xml} and {@code src/main})
   * @param dependencyPlugins the record of dependency plugins
   * @return the check
   * @throws IOException when the POM, the record or the sources cannot be read
   */
  public static HpiCheck of(Path repository, Path dependencyPlugins) throws IOException {
    return new HpiCheck(repository, RootPom.read(repository.resolve("pom.xml")),
        DependencyPlugins.read(dependencyPlugins), SourceIndex.parse(repository.resolve("src/main/java")));
  }

  /**
   * Checks an archive.
   *
   * @param hpi the {@code .hpi}
   * @return the problems found; empty when Jenkins would load it complete
   * @throws IOException when it cannot be read or exploded
   */
  public List<String> problems(Path hpi) throws IOException {
    Path expanded = Files.createTempDirectory("hpi-check");
    try {
      explode(hpi, expanded);
      List<String> problems = new ArrayList<>();
      Path manifestFile = expanded.resolve("META-INF/MANIFEST.MF");
      if (!Files.isRegularFile(manifestFile)) {
        return List.of("No manifest at META-INF/MANIFEST.MF: Jenkins refuses the plugin");
      }
      Manifest manifest;
      try (InputStream in = Files.newInputStream(manifestFile)) {
        manifest = new Manifest(in);
      }
      checkManifest(manifest.getMainAttributes(), problems);
      if (Files.exists(expanded.resolve("WEB-INF/classes"))) {
        problems.add("WEB-INF/classes exists: Jenkins treats it as deprecated; classes belong in WEB-INF/lib/"
            + root.artifactId() + ".jar");
      }
      Path lib = expanded.resolve("WEB-INF/lib");
      Path pluginJar = lib.resolve(root.artifactId() + ".jar");
      if (!Files.isRegularFile(pluginJar)) {
        problems.add("WEB-INF/lib/" + root.artifactId() + ".jar is missing: the plugin has no classes");
        return problems;
      }
      checkLicenses(expanded.resolve("WEB-INF/licenses.xml"), problems);
      List<Path> classPath = jarsIn(lib);
      checkBundledJars(classPath, pluginJar, problems);
      checkProvidedPackages(classPath, problems);
      checkIndices(classPath, manifest.getMainAttributes(), problems);
      checkResources(pluginJar, problems);
      return problems;
    } finally {
      deleteTree(expanded);
    }
  }

  private void checkManifest(Attributes a, List<String> problems) {
    if (!root.importedBoms().contains(plugins.bom())) {
      problems.add("dependency-plugins.txt records the versions of " + plugins.bom() + " but the root pom.xml imports "
          + root.importedBoms() + ": read the plugins' versions, bundled jars and packages again at that BOM");
    }
    expect(a, "Short-Name", root.artifactId(), problems);
    expect(a, "Long-Name", root.name(), problems);
    expect(a, "Group-Id", root.groupId(), problems);
    expect(a, "Artifact-Id", root.artifactId(), problems);
    expect(a, "Jenkins-Version", root.jenkinsVersion(), problems);
    expect(a, "Hudson-Version", root.jenkinsVersion(), problems);
    expect(a, "Minimum-Java-Version", root.javaRelease(), problems);
    expect(a, "Implementation-Version", root.version(), problems);
    root.url().ifPresentOrElse(url -> expect(a, "Url", url, problems),
        () -> expectAbsent(a, "Url", "the root pom.xml declares no <url>", problems));
    String version = Optional.ofNullable(a.getValue("Plugin-Version")).orElse("");
    if (!(version.equals(root.version()) || version.startsWith(root.version() + " (private-"))) {
      problems.add("Manifest Plugin-Version is '" + version + "', expected " + root.version()
          + " (a snapshot may add ' (private-<commit>-<user>)')");
    }
    checkDependencies(Optional.ofNullable(a.getValue("Plugin-Dependencies")).orElse(""), problems);
  }

  private void checkDependencies(String attribute, List<String> problems) {
    List<PluginDependency> found;
    try {
      found = PluginDependency.parse(attribute);
    } catch (IllegalArgumentException e) {
      problems.add("Manifest " + e.getMessage());
      return;
    }
    Map<String, PluginDependency> byName = new LinkedHashMap<>();
    found.forEach(d -> byName.put(d.shortName(), d));
    for (PluginDependency expected : PluginDependency.of(root, plugins)) {
      PluginDependency actual = byName.remove(expected.shortName());
      if (actual == null) {
        problems.add("Manifest Plugin-Dependencies lacks " + expected
            + " (a plugin dependency of the root pom.xml): Jenkins would load the plugin without it");
      } else if (!actual.equals(expected)) {
        problems.add("Manifest Plugin-Dependencies has " + actual + ", expected " + expected);
      }
    }
    byName.values().forEach(extra -> problems.add("Manifest Plugin-Dependencies has " + extra
        + ", which is not a plugin dependency of the root pom.xml"));
  }

  /** The plugin and each bundled library, each library with its licences (the plugin's own may be none). */
  private void checkLicenses(Path licenses, List<String> problems) throws IOException {
    if (!Files.isRegularFile(licenses)) {
      problems.add("WEB-INF/licenses.xml is missing: the plugin manager would show no third-party licences");
      return;
    }
    Map<String, Integer> licenceCounts = new LinkedHashMap<>();
    try {
      DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
      factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      NodeList entries = factory.newDocumentBuilder().parse(licenses.toFile()).getElementsByTagName("l:dependency");
      for (int i = 0; i < entries.getLength(); i++) {
        Element e = (Element) entries.item(i);
        licenceCounts.put(e.getAttribute("groupId") + ":" + e.getAttribute("artifactId") + ":" + e.getAttribute("version"),
            e.getElementsByTagName("l:license").getLength());
      }
    } catch (ParserConfigurationException | SAXException e) {
      problems.add("WEB-INF/licenses.xml is not well-formed XML: " + e.getMessage());
      return;
    }
    String plugin = root.groupId() + ":" + root.artifactId() + ":" + root.version();
    if (licenceCounts.remove(plugin) == null) {
      problems.add("WEB-INF/licenses.xml does not list the plugin itself (" + plugin + ")");
    }
    for (RootPom.Dependency d : root.runtimeDependencies()) {
      if (plugins.plugin(d.artifactId()).isEmpty()) {
        String library = d.groupId() + ":" + d.artifactId() + ":" + d.version().orElse("");
        Integer count = licenceCounts.remove(library);
        if (count == null) {
          problems.add("WEB-INF/licenses.xml does not list the bundled " + library);
        } else if (count == 0) {
          problems.add("WEB-INF/licenses.xml lists the bundled " + library + " without a licence");
        }
      }
    }
    licenceCounts.keySet().forEach(extra -> problems.add("WEB-INF/licenses.xml lists " + extra + ", which is not bundled"));
  }

  private void checkBundledJars(List<Path> classPath, Path pluginJar, List<String> problems) {
    Set<String> expected = new TreeSet<>();
    for (RootPom.Dependency d : root.runtimeDependencies()) {
      if (plugins.plugin(d.artifactId()).isEmpty()) {
        expected.add(d.jarName());
      }
    }
    Set<String> actual = new TreeSet<>();
    for (Path jar : classPath) {
      if (!jar.equals(pluginJar)) {
        actual.add(jar.getFileName().toString());
      }
    }
    for (String jar : expected) {
      if (!actual.contains(jar)) {
        problems.add("WEB-INF/lib/" + jar + " is missing: the root pom.xml bundles it (no dependency plugin provides it)");
      }
    }
    for (String jar : actual) {
      if (!expected.contains(jar)) {
        problems.add("WEB-INF/lib/" + jar + " is bundled, but the root pom.xml has no such library dependency");
      }
    }
  }

  private void checkProvidedPackages(List<Path> classPath, List<String> problems) throws IOException {
    for (Path jar : classPath) {
      Map<String, String> firstClassByPackage = new LinkedHashMap<>();
      try (ZipFile zip = new ZipFile(jar.toFile())) {
        zip.stream().map(ZipEntry::getName).filter(n -> n.endsWith(".class") && !n.endsWith("module-info.class"))
            .map(n -> n.startsWith("META-INF/versions/") ? n.split("/", 4)[3] : n)
            .forEach(n -> firstClassByPackage.putIfAbsent(packageOf(n), n));
      }
      for (DependencyPlugins.Plugin plugin : plugins.all()) {
        String jarName = jar.getFileName().toString();
        if (plugin.bundlesArtifact(artifactIdOf(jarName))) {
          problems.add("WEB-INF/lib/" + jarName + " is a jar that the dependency plugin " + plugin.artifactId() + " "
              + plugin.version() + " already bundles: two copies on the class path break class loading in Jenkins");
        }
        for (Map.Entry<String, String> e : firstClassByPackage.entrySet()) {
          if (plugin.packages().contains(e.getKey())) {
            problems.add("WEB-INF/lib/" + jarName + " holds " + e.getValue() + " in package " + e.getKey()
                + ", which the dependency plugin " + plugin.artifactId() + " " + plugin.version() + " provides");
          }
        }
      }
    }
  }

  private void checkIndices(List<Path> classPath, Attributes manifest, List<String> problems) throws IOException {
    try (ExtensionIndex index = ExtensionIndex.over(classPath)) {
      Optional<String> expected = index.dynamicLoading().map(String::valueOf);
      Optional<String> actual = Optional.ofNullable(manifest.getValue("Support-Dynamic-Loading"));
      if (!expected.equals(actual)) {
        problems.add("Manifest Support-Dynamic-Loading is " + actual.orElse("missing") + ", expected "
            + expected.orElse("none (an extension is dynamicLoadable=MAYBE)") + " from the @Extension index");
      }
      compare("@Extension", "the SezPoz index META-INF/annotations/" + EXTENSION,
          sources.classesAnnotatedWith(EXTENSION), index.extensionClasses(), index, problems);
      compare("@Symbol", "the annotation-indexer index " + ExtensionIndex.ANNOTATIONS + SYMBOL,
          sources.classesAnnotatedWith(SYMBOL), index.indexed(SYMBOL), index, problems);
      compare("@ExportedBean", "the annotation-indexer index " + ExtensionIndex.ANNOTATIONS + EXPORTED_BEAN,
          sources.classesAnnotatedWith(EXPORTED_BEAN), index.indexed(EXPORTED_BEAN), index, problems);
    }
  }

  private static void compare(String annotation, String indexName, Set<String> inSources, Set<String> inIndex,
      ExtensionIndex index, List<String> problems) {
    for (String type : inSources) {
      if (!inIndex.contains(type)) {
        problems.add(type + " is an " + annotation + " class in the sources but missing from " + indexName
            + ": Jenkins would never find it");
      } else if (!index.has(type.replace('.', '/') + ".class")) {
        problems.add(type + " is listed in " + indexName + " but its class file is not in the plugin jar");
      }
    }
    for (String type : inIndex) {
      if (!inSources.contains(type)) {
        problems.add(indexName + " lists " + type + ", which is no " + annotation + " class of the sources");
      }
    }
  }

  /** Every file of the root POM's resource folders (views, help, index.jelly), byte for byte. */
  private void checkResources(Path pluginJar, List<String> problems) throws IOException {
    Map<String, byte[]> jar = new LinkedHashMap<>();
    try (ZipInputStream in = new ZipInputStream(Files.newInputStream(pluginJar))) {
      for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
        jar.put(e.getName(), in.readAllBytes());
      }
    }
    if (!jar.containsKey("index.jelly")) {
      problems.add("index.jelly (the plugin description) is missing from the plugin jar");
    }
    for (String folder : root.resourceDirectories()) {
      Path dir = repository.resolve(folder);
      if (!Files.isDirectory(dir)) {
        continue; // as Maven: a declared resource folder that does not exist contributes nothing
      }
      List<Path> files;
      try (Stream<Path> walk = Files.walk(dir)) {
        files = walk.filter(Files::isRegularFile).sorted().toList();
      }
      for (Path file : files) {
        String name = dir.relativize(file).toString().replace('\\', '/');
        byte[] inJar = jar.get(name);
        if (inJar == null) {
          problems.add(name + " (" + folder + ") is missing from the plugin jar");
        } else if (!Arrays.equals(inJar, Files.readAllBytes(file))) {
          problems.add(name + " in the plugin jar differs from " + folder + "/" + name);
        }
      }
    }
    for (String describable : sources.classesWithConfigForm()) {
      String view = describable.replace('.', '/').replace('$', '/') + "/config.jelly";
      if (!jar.containsKey(view)) {
        problems.add(view + " is missing from the plugin jar: " + describable + " has no configuration form");
      }
    }
  }

  private static void expect(Attributes a, String name, String expected, List<String> problems) {
    String actual = a.getValue(name);
    if (!expected.equals(actual)) {
      problems.add("Manifest " + name + " is " + (actual == null ? "missing" : "'" + actual + "'") + ", expected '"
          + expected + "'");
    }
  }

  private static void expectAbsent(Attributes a, String name, String why, List<String> problems) {
    if (a.getValue(name) != null) {
      problems.add("Manifest " + name + " is '" + a.getValue(name) + "', expected none: " + why);
    }
  }

  private static String packageOf(String classFile) {
    int slash = classFile.lastIndexOf('/');
    return slash < 0 ? "" : classFile.substring(0, slash).replace('/', '.');
  }

  /** {@code docker-java-core-3.7.1.jar} to {@code docker-java-core}: the name up to the version. */
  private static String artifactIdOf(String jarName) {
    return jarName.replaceFirst("-\\d[^-]*(-.*)?\\.jar$", "").replaceFirst("\\.jar$", "");
  }

  /** As {@code ClassicPluginStrategy.explode}: the archive unpacked into a folder. */
  private static void explode(Path archive, Path into) throws IOException {
    try (ZipInputStream in = new ZipInputStream(Files.newInputStream(archive))) {
      for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
        Path target = into.resolve(e.getName()).normalize();
        if (!target.startsWith(into)) {
          throw new IOException(archive + " holds " + e.getName() + ", which points outside the plugin folder");
        }
        if (e.isDirectory()) {
          Files.createDirectories(target);
        } else {
          Files.createDirectories(target.getParent());
          Files.copy(in, target);
        }
      }
    }
  }

  private static List<Path> jarsIn(Path folder) throws IOException {
    if (!Files.isDirectory(folder)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(folder)) {
      return files.filter(p -> p.toString().endsWith(".jar")).sorted().toList();
    }
  }

  private static void deleteTree(Path folder) throws IOException {
    try (Stream<Path> walk = Files.walk(folder)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
