package io.jenkins.plugins.esperanto.hpi;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * {@code WEB-INF/licenses.xml}: the plugin and each bundled jar, with its licences, which the
 * plugin manager shows as the plugin's third-party licences ({@code PluginWrapper.hasLicensesXml},
 * jenkinsci/jenkins tag jenkins-2.555.3). The plugin build writes it with jenkinsci's
 * license-maven-plugin ({@code ProcessMojo} and {@code xmlgen.groovy}, read at 0425ae5e): the
 * project itself, then every runtime dependency that is bundled (not optional, not through a
 * plugin or core), each from its Maven model. Here the model of a bundled jar is its POM in the
 * local Maven repository, completed from its parent POMs there, as Maven
 * inherits: the description, URL (with the artifactId appended) and licences come from the nearest
 * POM that declares them; the name is never inherited.
 */
final class LicensesXml {

  private LicensesXml() {}

  static byte[] of(RootPom root, List<RootPom.Coordinates> bundled, Path localRepository) throws IOException {
    StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<l:dependencies xmlns:l='licenses'")
        .append(attribute("groupId", root.groupId())).append(attribute("artifactId", root.artifactId()))
        .append(attribute("version", root.version())).append('>');
    dependency(xml, root.declaredName(), root, root.url().orElse(""), root.description(), root.licenses());
    for (RootPom.Coordinates library : bundled) {
      Path file = pomFile(library, localRepository)
          .orElseThrow(() -> new IOException("Tried to read the POM of the bundled " + library + " but the local"
              + " Maven repository " + localRepository + " has none; build with Maven so that it resolves it"));
      RootPom pom = RootPom.read(file);
      List<RootPom> lineage = lineage(pom, localRepository);
      dependency(xml, pom.declaredName(), pom, url(lineage), nearest(lineage, RootPom::description),
          lineage.stream().map(RootPom::licenses).filter(l -> !l.isEmpty()).findFirst().orElse(List.of()));
    }
    return xml.append("</l:dependencies>").toString().getBytes(StandardCharsets.UTF_8);
  }

  private static void dependency(StringBuilder xml, Optional<String> name, RootPom pom, String url,
      Optional<String> description, List<RootPom.License> licenses) {
    xml.append("<l:dependency");
    name.ifPresent(n -> xml.append(attribute("name", n)));
    xml.append(attribute("groupId", pom.groupId())).append(attribute("artifactId", pom.artifactId()))
        .append(attribute("version", pom.version())).append(attribute("url", url)).append('>');
    xml.append(description.map(d -> "<l:description>" + escape(d) + "</l:description>").orElse("<l:description/>"));
    for (RootPom.License license : licenses) {
      xml.append("<l:license");
      license.name().ifPresent(n -> xml.append(attribute("name", n)));
      license.url().ifPresent(u -> xml.append(attribute("url", u)));
      xml.append("/>");
    }
    xml.append("</l:dependency>");
  }

  /** The POM and its parents, nearest first; a parent missing from the local repository ends it. */
  private static List<RootPom> lineage(RootPom pom, Path localRepository) throws IOException {
    List<RootPom> lineage = new ArrayList<>();
    Optional<RootPom> current = Optional.of(pom);
    while (current.isPresent()) {
      RootPom p = current.get();
      lineage.add(p);
      Optional<Path> parentFile = p.parent().flatMap(c -> pomFile(c, localRepository));
      current = parentFile.isPresent() ? Optional.of(RootPom.read(parentFile.get())) : Optional.empty();
    }
    return lineage;
  }

  /** Maven's inherited URL: the nearest declared one, plus each descendant's artifactId. */
  private static String url(List<RootPom> lineage) {
    String suffix = "";
    for (RootPom p : lineage) {
      Optional<String> url = p.url();
      if (url.isPresent()) {
        return url.get() + suffix;
      }
      suffix = "/" + p.artifactId() + suffix;
    }
    return "";
  }

  private static Optional<String> nearest(List<RootPom> lineage, Function<RootPom, Optional<String>> field) {
    return lineage.stream().map(field).flatMap(Optional::stream).findFirst();
  }

  private static Optional<Path> pomFile(RootPom.Coordinates c, Path localRepository) {
    Path file = localRepository.resolve(c.groupId().replace('.', '/')).resolve(c.artifactId()).resolve(c.version())
        .resolve(c.artifactId() + "-" + c.version() + ".pom");
    return Files.isRegularFile(file) ? Optional.of(file) : Optional.empty();
  }

  private static String attribute(String name, String value) {
    return " " + name + "='" + escape(value) + "'";
  }

  private static String escape(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("'", "&apos;")
        .replace("\"", "&quot;");
  }
}
