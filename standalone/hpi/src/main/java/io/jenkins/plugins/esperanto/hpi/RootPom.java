package io.jenkins.plugins.esperanto.hpi;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.SAXException;

/**
 * What the plugin build's POM (the root {@code pom.xml}) says about the plugin: the values
 * maven-hpi-plugin turns into the manifest, its direct dependencies and its resource folders.
 * Properties are resolved from the POM's own {@code <properties>}; values the parent POM would
 * supply are not invented (see {@link #url()}).
 */
public final class RootPom {

  private static final Pattern PROPERTY = Pattern.compile("\\$\\{([^}]+)}");

  private final Element project;
  private final Map<String, String> properties;

  private RootPom(Element project, Map<String, String> properties) {
    this.project = project;
    this.properties = properties;
  }

  /**
   * Reads a POM file.
   *
   * @param pom the {@code pom.xml}
   * @return its model
   * @throws IOException when it cannot be read or is not well-formed XML
   */
  public static RootPom read(Path pom) throws IOException {
    try (InputStream in = Files.newInputStream(pom)) {
      return read(in, pom.toString());
    }
  }

  /**
   * Reads a POM from a stream (e.g. the copy inside a jar).
   *
   * @param pom the POM's bytes
   * @param origin where it comes from, for messages
   * @return its model
   * @throws IOException when it cannot be read or is not well-formed XML
   */
  public static RootPom read(InputStream pom, String origin) throws IOException {
    try {
      DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
      factory.setNamespaceAware(false);
      factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
      factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      Element project = factory.newDocumentBuilder().parse(pom).getDocumentElement();
      Map<String, String> properties = new HashMap<>();
      child(project, "properties").ifPresent(props -> {
        for (Element p : children(props)) {
          properties.put(p.getTagName(), p.getTextContent().trim());
        }
      });
      RootPom model = new RootPom(project, properties);
      properties.put("project.groupId", model.groupId());
      properties.put("project.artifactId", model.artifactId());
      properties.put("project.version", model.version());
      return model;
    } catch (ParserConfigurationException | SAXException e) {
      throw new IOException("Tried to read " + origin + " but failed because it is not a POM: " + e.getMessage(), e);
    }
  }

  /** @return {@code <groupId>}, or the parent's when the POM inherits it */
  public String groupId() {
    return text(project, "groupId").or(() -> parent().map(Coordinates::groupId)).orElseThrow(
        () -> new IllegalStateException("The POM has no <groupId>"));
  }

  /** @return {@code <artifactId>}, the plugin's short name */
  public String artifactId() {
    return required("artifactId");
  }

  /** @return {@code <version>}, resolved (e.g. {@code 0.1.0-SNAPSHOT}), or the parent's */
  public String version() {
    return text(project, "version").or(() -> parent().map(Coordinates::version)).orElseThrow(
        () -> new IllegalStateException("The POM has no <version>"));
  }

  /** @return the {@code <parent>}, if any */
  public Optional<Coordinates> parent() {
    return child(project, "parent").map(p -> new Coordinates(text(p, "groupId").orElse(""),
        text(p, "artifactId").orElse(""), text(p, "version").orElse("")));
  }

  /** @return {@code <description>}, if this POM itself declares one */
  public Optional<String> description() {
    return text(project, "description");
  }

  /** @return {@code <name>}, if this POM itself declares one */
  public Optional<String> declaredName() {
    return text(project, "name");
  }

  /** @return {@code <name>}, the plugin's long name */
  public String name() {
    return required("name");
  }

  /**
   * The project URL. Empty when the POM declares none: the parent POM declares none either, so
   * maven-hpi-plugin then writes no {@code Url}.
   *
   * @return {@code <url>}, resolved
   */
  public Optional<String> url() {
    return text(project, "url");
  }

  /** @return the Jenkins core version compiled against ({@code jenkins.version}) */
  public String jenkinsVersion() {
    return property("jenkins.version");
  }

  /** @return the Java release compiled for ({@code maven.compiler.release}) */
  public String javaRelease() {
    return property("maven.compiler.release");
  }

  /**
   * Resolves a property of the POM.
   *
   * @param name property name
   * @return its value with every {@code ${...}} resolved
   * @throws IllegalStateException when the POM does not define it
   */
  public String property(String name) {
    String value = properties.get(name);
    if (value == null) {
      throw new IllegalStateException("The root pom.xml defines no property " + name);
    }
    return resolve(value);
  }

  /** @return the licenses, as name and URL pairs, in POM order */
  public List<License> licenses() {
    List<License> licenses = new ArrayList<>();
    child(project, "licenses").ifPresent(all -> {
      for (Element l : children(all)) {
        licenses.add(new License(text(l, "name"), text(l, "url")));
      }
    });
    return List.copyOf(licenses);
  }

  /** @return the developers, in POM order */
  public List<Developer> developers() {
    List<Developer> developers = new ArrayList<>();
    child(project, "developers").ifPresent(all -> {
      for (Element d : children(all)) {
        developers.add(new Developer(text(d, "name").orElse(""), text(d, "id").orElse(""),
            text(d, "email").orElse("")));
      }
    });
    return List.copyOf(developers);
  }

  /**
   * The direct dependencies that reach the plugin at run time (scope compile or runtime), in POM
   * order; test and provided ones are left out, as maven-hpi-plugin leaves them out of the
   * manifest and of {@code WEB-INF/lib}.
   *
   * @return the dependencies
   */
  public List<Dependency> runtimeDependencies() {
    List<Dependency> result = new ArrayList<>();
    child(project, "dependencies").ifPresent(all -> {
      for (Element d : children(all)) {
        String scope = text(d, "scope").orElse("compile");
        if (scope.equals("compile") || scope.equals("runtime")) {
          result.add(new Dependency(text(d, "groupId").orElseThrow(), text(d, "artifactId").orElseThrow(),
              text(d, "version"), text(d, "optional").map(Boolean::parseBoolean).orElse(false)));
        }
      }
    });
    return List.copyOf(result);
  }

  /**
   * The BOMs imported in {@code <dependencyManagement>}.
   *
   * @return {@code groupId:artifactId:version} of each {@code import}-scoped dependency, resolved
   */
  public List<String> importedBoms() {
    List<String> result = new ArrayList<>();
    child(project, "dependencyManagement").flatMap(m -> child(m, "dependencies")).ifPresent(all -> {
      for (Element d : children(all)) {
        if (text(d, "scope").orElse("").equals("import")) {
          result.add(text(d, "groupId").orElse("") + ":" + text(d, "artifactId").orElse("") + ":"
              + text(d, "version").orElse(""));
        }
      }
    });
    return List.copyOf(result);
  }

  /**
   * The resource folders of {@code <build><resources>}, relative to the POM's folder.
   *
   * @return the folders, in POM order
   */
  public List<String> resourceDirectories() {
    List<String> result = new ArrayList<>();
    child(project, "build").flatMap(b -> child(b, "resources")).ifPresent(all -> {
      for (Element r : children(all)) {
        text(r, "directory").ifPresent(result::add);
      }
    });
    return List.copyOf(result);
  }

  private String required(String tag) {
    return text(project, tag).orElseThrow(
        () -> new IllegalStateException("The root pom.xml has no <" + tag + ">"));
  }

  private Optional<String> text(Element parent, String tag) {
    return child(parent, tag).map(e -> resolve(e.getTextContent().trim()));
  }

  private String resolve(String value) {
    Matcher m = PROPERTY.matcher(value);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String name = m.group(1);
      String replacement = properties.containsKey(name) ? resolve(properties.get(name)) : m.group();
      m.appendReplacement(out, Matcher.quoteReplacement(replacement));
    }
    m.appendTail(out);
    return out.toString();
  }

  private static Optional<Element> child(Element parent, String tag) {
    return children(parent).stream().filter(e -> e.getTagName().equals(tag)).findFirst();
  }

  private static List<Element> children(Element parent) {
    List<Element> result = new ArrayList<>();
    for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element e) {
        result.add(e);
      }
    }
    return result;
  }

  /**
   * A direct dependency.
   *
   * @param groupId group
   * @param artifactId artifact
   * @param version resolved version; empty when the BOM manages it
   * @param optional {@code <optional>true</optional>}
   */
  public record Dependency(String groupId, String artifactId, Optional<String> version, boolean optional) {
    /** @return {@code artifactId-version.jar}, the name maven-hpi-plugin gives it in WEB-INF/lib */
    public String jarName() {
      return artifactId + "-" + version.orElseThrow(
          () -> new IllegalStateException(groupId + ":" + artifactId + " has no version in the root pom.xml"))
          + ".jar";
    }
  }

  /**
   * Maven coordinates.
   *
   * @param groupId group
   * @param artifactId artifact
   * @param version version
   */
  public record Coordinates(String groupId, String artifactId, String version) {}

  /**
   * A license.
   *
   * @param name its name
   * @param url its URL
   */
  public record License(Optional<String> name, Optional<String> url) {}

  /**
   * A developer.
   *
   * @param name name, or empty
   * @param id id, or empty
   * @param email e-mail, or empty
   */
  public record Developer(String name, String id, String email) {}
}
