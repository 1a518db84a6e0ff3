package io.jenkins.plugins.esperanto.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.lang.reflect.Constructor;
import java.lang.reflect.Executable;
import java.lang.reflect.Field;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.lang.reflect.WildcardType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Compares the compiled stand-in with the record of the upstream declarations
 * ({@code conformance/upstream-declarations.txt}, written by {@code conformance/record-upstream}
 * from the upstream sources at the tags in {@code conformance/sources.tsv}): kind, modifiers,
 * type parameters, supertypes, members, throws and nullness annotations. Every difference fails,
 * except those listed with their reason in {@code conformance/known-differences.txt}; a listed
 * difference that no longer exists fails too, so the list stays true. A line keyed
 * {@code abstract members of TYPE} accepts every abstract member of TYPE that the stand-in leaves
 * out (for types that nothing here extends or implements).
 */
class StandInConformanceTest {
  private static final Path CONFORMANCE = Path.of("conformance");

  @Test
  void standIn_matchesTheUpstreamRecord() throws Exception {
    Map<String, String> upstream = recordLines(CONFORMANCE.resolve("upstream-declarations.txt"));
    Map<String, String> known = knownDifferences();
    Map<String, String> standIn = new LinkedHashMap<>();
    for (String type : standInTypes()) {
      describe(Class.forName(type), standIn);
    }

    List<String> problems = new ArrayList<>();
    List<String> seenKnown = new ArrayList<>();
    for (Map.Entry<String, String> e : standIn.entrySet()) {
      String up = upstream.get(e.getKey());
      if (e.getValue().equals(up)) {
        continue;
      }
      if (known.containsKey(e.getKey())) {
        seenKnown.add(e.getKey());
        continue;
      }
      problems.add(up == null ? "not upstream:  " + e.getValue() : "stand-in:  " + e.getValue() + "\n  upstream:  " + up);
    }
    for (Map.Entry<String, String> e : upstream.entrySet()) {
      boolean required = e.getKey().startsWith("type ") || e.getKey().startsWith("annotation ")
          || e.getKey().startsWith("constant ") || e.getValue().matches("method [^|]*\\| [a-z ]*abstract.*");
      if (required && !standIn.containsKey(e.getKey())) {
        String owner = "abstract members of " + e.getKey().replaceAll("^\\S+ ([^#]+)#.*", "$1");
        if (known.containsKey(e.getKey()) || known.containsKey(owner)) {
          seenKnown.add(known.containsKey(e.getKey()) ? e.getKey() : owner);
        } else {
          problems.add("missing:  " + e.getValue());
        }
      }
    }
    known.keySet().stream().filter(k -> !seenKnown.contains(k))
        .forEach(k -> problems.add("listed in known-differences.txt but no longer different:  " + k));
    String readme = Files.readString(Path.of("README.md"));
    known.keySet().stream().filter(k -> !readme.contains("`" + k + "`"))
        .forEach(k -> problems.add("known difference missing from README.md (Remaining differences):  " + k));

    assertThat(String.join("\n", problems)).as("differences between the stand-in and upstream (fix the stand-in, or list the"
        + " difference with its reason in conformance/known-differences.txt and the README)")
        .isEqualTo("");
  }

  private static List<String> standInTypes() throws IOException {
    try (Stream<String> lines = Files.lines(CONFORMANCE.resolve("sources.tsv"))) {
      return lines.filter(l -> !l.startsWith("#") && !l.isBlank()).map(l -> l.split("\t")[0]).collect(Collectors.toList());
    }
  }

  /** Lines keyed by their first field ("method a.B#m(java.lang.String)"). */
  private static Map<String, String> recordLines(Path file) throws IOException {
    Map<String, String> lines = new TreeMap<>();
    for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
      if (!line.startsWith("#") && !line.startsWith("source ") && !line.isBlank()) {
        lines.put(key(line), line);
      }
    }
    return lines;
  }

  private static Map<String, String> knownDifferences() throws IOException {
    Map<String, String> known = new TreeMap<>();
    for (String line : Files.readAllLines(CONFORMANCE.resolve("known-differences.txt"), StandardCharsets.UTF_8)) {
      if (!line.startsWith("#") && !line.isBlank()) {
        String[] parts = line.split("\t", 2);
        assertThat(parts).as("known-differences.txt: '" + line + "' needs a key, a tab and the reason").hasSize(2);
        known.put(parts[0], parts[1]);
      }
    }
    return known;
  }

  private static String key(String line) {
    int bar = line.indexOf(" | ");
    return bar < 0 ? line : line.substring(0, bar);
  }

  private static void describe(Class<?> c, Map<String, String> out) throws IOException {
    Nullness nullness = Nullness.of(c);
    String binary = c.getName();
    String kind = c.isAnnotation() ? "@interface" : c.isInterface() ? "interface" : c.isEnum() ? "enum"
        : c.isRecord() ? "record" : "class";
    String ext = c.isInterface() ? "" : render(c.getGenericSuperclass());
    String impl = Arrays.stream(c.getGenericInterfaces()).map(StandInConformanceTest::render)
        .filter(i -> !(c.isAnnotation() && i.equals("java.lang.annotation.Annotation"))).sorted()
        .collect(Collectors.joining(","));
    put(out, "type " + binary + " | " + modifiers(c.getModifiers() & ~Modifier.INTERFACE, false, false) + " " + kind
        + " | " + typeParams(c.getTypeParameters()) + " | extends " + ext + " | implements " + impl);
    if (c.isAnnotation()) {
      Retention retention = c.getAnnotation(Retention.class);
      Target target = c.getAnnotation(Target.class);
      put(out, "annotation " + binary + " | retention " + (retention == null ? RetentionPolicy.CLASS : retention.value())
          + " | target " + (target == null ? "" : Arrays.stream(target.value()).map(ElementType::name).sorted()
              .collect(Collectors.joining(",")))
          + " | " + (c.isAnnotationPresent(Documented.class) ? "documented" : "")
          + " | " + (c.isAnnotationPresent(Inherited.class) ? "inherited" : ""));
    }
    if (c.isEnum()) {
      for (Object constant : c.getEnumConstants()) {
        put(out, "constant " + binary + "#" + ((Enum<?>) constant).name());
      }
    }
    for (Field f : c.getDeclaredFields()) {
      if (!f.isSynthetic() && !Modifier.isPrivate(f.getModifiers()) && !f.isEnumConstant()) {
        put(out, "field " + binary + "#" + f.getName() + " | " + modifiers(f.getModifiers(), false, false) + " | "
            + render(f.getGenericType()) + " | " + nullness.field(f.getName()));
      }
    }
    for (Constructor<?> k : c.getDeclaredConstructors()) {
      if (!k.isSynthetic() && !c.isEnum()) {
        put(out, "constructor " + binary + "#<init>" + erased(k) + " | " + modifiers(k.getModifiers(), false, k.isVarArgs())
            + " | " + typeParams(k.getTypeParameters()) + " | " + params(k) + " | throws " + throwsList(k) + " | "
            + nullness.of(k, ""));
      }
    }
    for (Method m : c.getDeclaredMethods()) {
      if (m.isSynthetic() || m.isBridge() || Modifier.isPrivate(m.getModifiers()) || isEnumImplicit(c, m)) {
        continue;
      }
      put(out, "method " + binary + "#" + m.getName() + erased(m) + " | "
          + modifiers(m.getModifiers(), m.isDefault(), m.isVarArgs()) + " | " + typeParams(m.getTypeParameters()) + " | "
          + render(m.getGenericReturnType()) + " | " + params(m) + " | throws " + throwsList(m) + " | "
          + nullness.of(m, nullness.returnOf(m)));
    }
    for (Class<?> nested : c.getDeclaredClasses()) {
      if (!nested.isSynthetic() && !Modifier.isPrivate(nested.getModifiers())) {
        describe(nested, out);
      }
    }
  }

  private static void put(Map<String, String> out, String line) {
    out.put(key(line), line);
  }

  private static boolean isEnumImplicit(Class<?> c, Method m) {
    return c.isEnum() && (m.getName().equals("values") && m.getParameterCount() == 0
        || m.getName().equals("valueOf") && Arrays.equals(m.getParameterTypes(), new Class<?>[] {String.class}));
  }

  private static String modifiers(int mods, boolean isDefault, boolean varargs) {
    List<String> words = new ArrayList<>();
    if (Modifier.isPublic(mods)) words.add("public");
    if (Modifier.isProtected(mods)) words.add("protected");
    if (Modifier.isPrivate(mods)) words.add("private");
    if (Modifier.isAbstract(mods)) words.add("abstract");
    if (Modifier.isStatic(mods)) words.add("static");
    if (Modifier.isFinal(mods)) words.add("final");
    if (isDefault) words.add("default");
    if (varargs) words.add("varargs");
    return String.join(" ", words);
  }

  /** Parameter types; an inner class's constructor loses its outer instance, as in source. */
  private static Type[] genericParams(Executable e) {
    Type[] generic = e.getGenericParameterTypes();
    return innerConstructor(e) && generic.length == e.getParameterCount() ? Arrays.copyOfRange(generic, 1, generic.length)
        : generic;
  }

  private static boolean innerConstructor(Executable e) {
    Class<?> c = e.getDeclaringClass();
    return e instanceof Constructor && c.isMemberClass() && !Modifier.isStatic(c.getModifiers());
  }

  private static String erased(Executable e) {
    Class<?>[] raw = e.getParameterTypes();
    Stream<Class<?>> types = Arrays.stream(raw).skip(innerConstructor(e) ? 1 : 0);
    return "(" + types.map(StandInConformanceTest::render).collect(Collectors.joining(",")) + ")";
  }

  private static String params(Executable e) {
    return "(" + Arrays.stream(genericParams(e)).map(StandInConformanceTest::render).collect(Collectors.joining(",")) + ")";
  }

  private static String throwsList(Executable e) {
    return Arrays.stream(e.getGenericExceptionTypes()).map(StandInConformanceTest::render).sorted()
        .collect(Collectors.joining(","));
  }

  private static String typeParams(TypeVariable<?>[] vars) {
    if (vars.length == 0) {
      return "";
    }
    return "<" + Arrays.stream(vars).map(v -> {
      List<Type> bounds = Arrays.stream(v.getBounds()).filter(b -> b != Object.class).collect(Collectors.toList());
      return v.getName() + (bounds.isEmpty() ? "" : " extends "
          + bounds.stream().map(StandInConformanceTest::render).collect(Collectors.joining("&")));
    }).collect(Collectors.joining(",")) + ">";
  }

  /** Same notation as the record: binary names, no spaces after commas. */
  static String render(Type t) {
    if (t instanceof Class<?> c) {
      return c.isArray() ? render(c.getComponentType()) + "[]" : c.getName();
    }
    if (t instanceof ParameterizedType p) {
      return render(p.getRawType()) + "<" + Arrays.stream(p.getActualTypeArguments()).map(StandInConformanceTest::render)
          .collect(Collectors.joining(",")) + ">";
    }
    if (t instanceof WildcardType w) {
      if (w.getLowerBounds().length > 0) {
        return "? super " + render(w.getLowerBounds()[0]);
      }
      return w.getUpperBounds()[0] == Object.class ? "?" : "? extends " + render(w.getUpperBounds()[0]);
    }
    if (t instanceof GenericArrayType g) {
      return render(g.getGenericComponentType()) + "[]";
    }
    return ((TypeVariable<?>) t).getName();
  }

  /** Nullness annotations as upstream writes them; SpotBugs' have class retention, so read from the class file. */
  private static final class Nullness {
    private static final Set<String> NAMES = Set.of("NonNull", "Nonnull", "CheckForNull", "Nullable");
    private final Map<String, List<String>> byMember;

    private Nullness(Map<String, List<String>> byMember) {
      this.byMember = byMember;
    }

    static Nullness of(Class<?> c) throws IOException {
      String resource = "/" + c.getName().replace('.', '/') + ".class";
      try (InputStream in = c.getResourceAsStream(resource)) {
        return new Nullness(ClassFileAnnotations.read(in, NAMES));
      }
    }

    String field(String name) {
      return String.join(",", byMember.getOrDefault("field " + name, List.of()));
    }

    String returnOf(Method m) {
      List<String> on = byMember.getOrDefault(m.getName() + descriptor(m), List.of());
      return on.isEmpty() ? "" : "return=" + String.join(",", on);
    }

    String of(Executable e, String returned) {
      List<String> parts = new ArrayList<>();
      if (!returned.isEmpty()) {
        parts.add(returned);
      }
      String member = (e instanceof Constructor ? "<init>" : e.getName()) + descriptor(e);
      int offset = innerConstructor(e) ? 1 : 0;
      for (int i = offset; i < e.getParameterCount(); i++) {
        List<String> on = byMember.getOrDefault(member + "#" + i, List.of());
        if (!on.isEmpty()) {
          parts.add("p" + (i - offset) + "=" + String.join(",", on));
        }
      }
      return String.join(";", parts);
    }

    private static String descriptor(Executable e) {
      String params = Arrays.stream(e.getParameterTypes()).map(org.objectweb.asm.Type::getDescriptor).collect(Collectors.joining());
      String ret = e instanceof Method m ? org.objectweb.asm.Type.getDescriptor(m.getReturnType()) : "V";
      return "(" + params + ")" + ret;
    }
  }
}
