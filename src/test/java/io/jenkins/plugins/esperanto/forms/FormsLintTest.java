package io.jenkins.plugins.esperanto.forms;

import static org.assertj.core.api.Assertions.assertThat;

import hudson.model.Descriptor;
import hudson.model.Item;
import java.io.IOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.kohsuke.stapler.AncestorInPath;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.verb.POST;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * Reads every {@code config.jelly}, {@code global.jelly} and {@code help-*.html} of the plugin and
 * checks them against the compiled classes, with core 2.555.3's semantics: a {@code field} is
 * read through its getter and bound through a {@code @DataBoundSetter} or a
 * {@code @DataBoundConstructor} parameter; {@code f:select}/{@code f:combobox} ignore their body
 * and call {@code Descriptor.calcFillSettings}, which throws unless the descriptor has a public
 * {@code doFill<Field>Items}; {@code Descriptor.getHelpFile} finds {@code help-<field>.html}
 * beside the views; form methods that list credentials or take an item are {@code @POST} and
 * check a permission on their context (the item, or Jenkins for a global configuration).
 */
class FormsLintTest {
  private static final String FORM = "/lib/form";
  private static final String CREDENTIALS = "/lib/credentials";

  @Test
  void forms_matchTheirClasses() throws Exception {
    List<String> problems = new ArrayList<>();
    for (Path view : views()) {
      Class<?> owner = ownerOf(view);
      Class<?> descriptor = descriptorOf(owner);
      Element root = parse(view);
      for (Element e : elements(root)) {
        if (!e.hasAttribute("field")) {
          continue;
        }
        String field = e.getAttribute("field");
        String where = resources().relativize(view) + ": field '" + field + "'";
        if (getter(owner, field).isEmpty()) {
          problems.add(where + " has no public get/is" + capitalized(field) + "() in " + owner.getSimpleName());
        }
        if (!setters(owner).contains(field) && !constructorParameters(owner).contains(field)) {
          problems.add(where + " is neither a @DataBoundSetter nor a @DataBoundConstructor parameter of "
              + owner.getSimpleName());
        }
      }
      for (Element e : elements(root)) {
        boolean fill = FORM.equals(e.getNamespaceURI()) && Set.of("select", "combobox").contains(e.getLocalName())
            || CREDENTIALS.equals(e.getNamespaceURI()) && e.getLocalName().equals("select");
        if (!fill) {
          continue;
        }
        String field = fieldOf(e);
        String where = resources().relativize(view) + ": " + e.getTagName() + " of '" + field + "'";
        if (e.getElementsByTagNameNS("*", "*").getLength() > 0) {
          problems.add(where + " has a body, which core's " + e.getLocalName() + ".jelly ignores");
        }
        if (publicMethod(descriptor, "doFill" + capitalized(field) + "Items").isEmpty()) {
          problems.add(where + " needs doFill" + capitalized(field) + "Items in " + descriptor.getName()
              + " (Descriptor.calcFillSettings throws without it)");
        }
      }
    }
    for (Path help : helps()) {
      String name = help.getFileName().toString();
      String field = name.substring("help-".length(), name.length() - ".html".length());
      Set<String> fields = fieldsBeside(help.getParent());
      if (!fields.contains(field)) {
        problems.add(resources().relativize(help) + " matches no field of " + help.getParent().getFileName() + " "
            + fields);
      }
    }
    for (Path view : views()) {
      problems.addAll(formMethodProblems(descriptorOf(ownerOf(view))));
    }
    assertThat(String.join("\n", new TreeSet<>(problems))).as("form problems").isEqualTo("");
  }

  /** doFill/doCheck methods: POST always; those about credentials or items also check a permission on their context. */
  private static List<String> formMethodProblems(Class<?> descriptor) throws IOException {
    List<String> problems = new ArrayList<>();
    for (Method m : descriptor.getMethods()) {
      if (!m.getName().startsWith("doFill") && !m.getName().startsWith("doCheck")) {
        continue;
      }
      String where = descriptor.getName() + "." + m.getName();
      if (!m.isAnnotationPresent(POST.class)) {
        problems.add(where + " is not @POST");
      }
      boolean itemParameter = Arrays.stream(m.getParameters()).anyMatch(p -> Item.class.isAssignableFrom(p.getType()));
      boolean aboutCredentials = m.getName().contains("Credentials");
      if (!itemParameter && !aboutCredentials) {
        continue;
      }
      String source = source(m.getDeclaringClass());
      String body = body(source, m.getName());
      boolean global = jenkins.model.GlobalConfiguration.class.isAssignableFrom(descriptor);
      if (global) {
        if (!body.matches("(?s).*(checkPermission|hasPermission)\\(Jenkins\\.ADMINISTER\\).*")) {
          problems.add(where + " reads credentials without checking Jenkins.ADMINISTER");
        }
        continue;
      }
      Optional<String> context = contextParameter(m, source);
      if (context.isEmpty()) {
        problems.add(where + " reads credentials or items without an @AncestorInPath Item context");
      } else if (!body.matches("(?s).*\\b" + context.get() + "\\.(checkPermission|hasPermission)\\(.*")) {
        problems.add(where + " does not check a permission on its context item '" + context.get() + "'");
      }
    }
    return problems;
  }

  /** The name (from the source) of the {@code @AncestorInPath Item} parameter. */
  private static Optional<String> contextParameter(Method m, String source) {
    boolean annotated = Arrays.stream(m.getParameters())
        .anyMatch(p -> p.isAnnotationPresent(AncestorInPath.class) && Item.class.isAssignableFrom(p.getType()));
    if (!annotated) {
      return Optional.empty();
    }
    Matcher found = Pattern.compile(m.getName() + "\\([^)]*@AncestorInPath\\s+(?:@\\w+\\s+)*Item\\s+(\\w+)").matcher(source);
    return found.find() ? Optional.of(found.group(1)) : Optional.empty();
  }

  private static String body(String source, String method) {
    int start = source.indexOf(" " + method + "(");
    if (start < 0) {
      return "";
    }
    int open = source.indexOf('{', start);
    int depth = 0;
    for (int i = open; i < source.length(); i++) {
      depth += source.charAt(i) == '{' ? 1 : source.charAt(i) == '}' ? -1 : 0;
      if (depth == 0) {
        return source.substring(open, i + 1);
      }
    }
    return source.substring(open);
  }

  private static String source(Class<?> c) throws IOException {
    Class<?> top = c;
    while (top.getEnclosingClass() != null) {
      top = top.getEnclosingClass();
    }
    return Files.readString(tree("src/main/java").resolve(top.getName().replace('.', '/') + ".java"));
  }

  private static Set<String> fieldsBeside(Path folder) throws Exception {
    Set<String> fields = new TreeSet<>();
    for (String view : List.of("config.jelly", "global.jelly")) {
      Path file = folder.resolve(view);
      if (Files.exists(file)) {
        for (Element e : elements(parse(file))) {
          if (e.hasAttribute("field")) {
            fields.add(e.getAttribute("field"));
          }
        }
      }
    }
    return fields;
  }

  /** The field of a control: its own, or that of the enclosing f:entry (core's prepareDatabinding). */
  private static String fieldOf(Element e) {
    for (Node n = e; n instanceof Element; n = n.getParentNode()) {
      if (((Element) n).hasAttribute("field")) {
        return ((Element) n).getAttribute("field");
      }
    }
    return "";
  }

  private static Optional<Method> getter(Class<?> owner, String field) {
    return publicMethod(owner, "get" + capitalized(field)).or(() -> publicMethod(owner, "is" + capitalized(field)))
        .filter(m -> m.getParameterCount() == 0);
  }

  private static Optional<Method> publicMethod(Class<?> c, String name) {
    return Arrays.stream(c.getMethods()).filter(m -> m.getName().equals(name)).findFirst();
  }

  private static Set<String> setters(Class<?> owner) {
    return Arrays.stream(owner.getMethods()).filter(m -> m.isAnnotationPresent(DataBoundSetter.class))
        .filter(m -> m.getName().startsWith("set"))
        .map(m -> Character.toLowerCase(m.getName().charAt(3)) + m.getName().substring(4)).collect(Collectors.toSet());
  }

  /** Parameter names as the source writes them (what Stapler binds, with or without -parameters). */
  private static Set<String> constructorParameters(Class<?> owner) throws IOException {
    boolean annotated = Arrays.stream(owner.getConstructors()).anyMatch(k -> k.isAnnotationPresent(DataBoundConstructor.class));
    if (!annotated) {
      return Set.of();
    }
    Matcher m = Pattern.compile("@DataBoundConstructor\\s+public\\s+" + owner.getSimpleName() + "\\(([^)]*)\\)")
        .matcher(source(owner));
    if (!m.find() || m.group(1).isBlank()) {
      return Set.of();
    }
    return Arrays.stream(m.group(1).split(",")).map(p -> p.trim().replaceAll(".*\\s", "")).collect(Collectors.toSet());
  }

  private static Class<?> descriptorOf(Class<?> owner) {
    if (Descriptor.class.isAssignableFrom(owner)) {
      return owner;
    }
    return Arrays.stream(owner.getDeclaredClasses()).filter(Descriptor.class::isAssignableFrom)
        .filter(c -> Modifier.isPublic(c.getModifiers())).findFirst()
        .orElseThrow(() -> new AssertionError(owner + " has no public nested descriptor"));
  }

  private static Class<?> ownerOf(Path view) throws ClassNotFoundException {
    String binary = resources().relativize(view.getParent()).toString().replace('/', '.');
    return Class.forName(binary);
  }

  private static List<Element> elements(Element root) {
    List<Element> all = new ArrayList<>();
    all.add(root);
    NodeList nodes = root.getElementsByTagNameNS("*", "*");
    for (int i = 0; i < nodes.getLength(); i++) {
      all.add((Element) nodes.item(i));
    }
    return all;
  }

  private static Element parse(Path file) throws Exception {
    DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
    factory.setNamespaceAware(true);
    return factory.newDocumentBuilder().parse(file.toFile()).getDocumentElement();
  }

  private static String capitalized(String field) {
    return field.isEmpty() ? field : Character.toTitleCase(field.charAt(0)) + field.substring(1);
  }

  private static List<Path> views() throws IOException {
    return files(p -> Set.of("config.jelly", "global.jelly").contains(p.getFileName().toString()));
  }

  private static List<Path> helps() throws IOException {
    return files(p -> p.getFileName().toString().matches("help-.+\\.html"));
  }

  private static List<Path> files(java.util.function.Predicate<Path> which) throws IOException {
    try (Stream<Path> all = Files.walk(resources())) {
      List<Path> found = all.filter(which).sorted().collect(Collectors.toList());
      assertThat(found).as("form files under " + resources()).isNotEmpty();
      return found;
    }
  }

  private static Path resources() {
    return tree("src/main/resources");
  }

  /** The repository's folder: the root build runs in the repository, the standalone one in standalone/plugin. */
  private static Path tree(String relative) {
    Path here = Path.of(relative);
    return (Files.isDirectory(here) ? here : Path.of("../..").resolve(relative)).toAbsolutePath().normalize();
  }
}
