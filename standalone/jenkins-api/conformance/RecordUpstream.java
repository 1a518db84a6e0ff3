// Writes conformance/upstream-declarations.txt: the upstream declarations of every type of the
// stand-in, read from the upstream sources at the tags in conformance/sources.tsv. Not part of
// the build; run it after changing the stand-in or moving to new upstream versions:
//   conformance/record-upstream
// The record is the reference that StandInConformanceTest compares the compiled stand-in with.

import com.github.javaparser.JavaParser;
import com.github.javaparser.ParserConfiguration;
import com.github.javaparser.ast.CompilationUnit;
import com.github.javaparser.ast.ImportDeclaration;
import com.github.javaparser.ast.Modifier;
import com.github.javaparser.ast.NodeList;
import com.github.javaparser.ast.body.*;
import com.github.javaparser.ast.expr.AnnotationExpr;
import com.github.javaparser.ast.expr.ArrayInitializerExpr;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.NormalAnnotationExpr;
import com.github.javaparser.ast.expr.SingleMemberAnnotationExpr;
import com.github.javaparser.ast.nodeTypes.NodeWithAnnotations;
import com.github.javaparser.ast.type.*;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.*;
import java.util.stream.Collectors;

public class RecordUpstream {
  static final Set<String> NULLNESS = Set.of("NonNull", "Nonnull", "CheckForNull", "Nullable");

  public static void main(String[] args) throws Exception {
    Path module = Path.of(args[0]);
    Path mirrors = Path.of(args[1]);
    List<String> out = new ArrayList<>();
    out.add("# Upstream declarations of the stand-in's types, as upstream declares them. Written by");
    out.add("# conformance/record-upstream from the sources and tags in conformance/sources.tsv; do not edit.");
    for (String line : Files.readAllLines(module.resolve("conformance/sources.tsv"))) {
      if (line.startsWith("#") || line.isBlank()) continue;
      String[] f = line.split("\t");
      String type = f[0], repo = f[1], tag = f[2], file = f[3];
      Path git = mirrors.resolve(repo.replace('/', '+')).resolve("repo");
      String commit = git(git, "rev-list", "-n", "1", tag).trim();
      String source = git(git, "show", tag + ":" + file);
      Path standIn = module.resolve("src/main/java/" + type.replace('.', '/') + ".java");
      out.add("source " + type + " | " + repo + " " + tag + " (" + commit.substring(0, 8) + ") " + file);
      new Recorder(git, tag, file, parse(source), parse(Files.readString(standIn)), out).record(type);
    }
    Files.write(module.resolve("conformance/upstream-declarations.txt"), out, StandardCharsets.UTF_8);
  }

  static CompilationUnit parse(String source) {
    ParserConfiguration config = new ParserConfiguration().setLanguageLevel(ParserConfiguration.LanguageLevel.JAVA_21);
    return new JavaParser(config).parse(source).getResult().orElseThrow();
  }

  static final Map<String, Set<String>> LISTINGS = new HashMap<>();

  static String git(Path gitDir, String... args) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>(List.of("git", "--git-dir=" + gitDir));
    cmd.addAll(List.of(args));
    Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (p.waitFor() != 0) throw new IOException("git " + String.join(" ", args) + " failed");
    return text;
  }

  static final class Recorder {
    final Path git;
    final String tag;
    final String dir;
    final CompilationUnit upstream;
    final CompilationUnit standIn;
    final List<String> out;
    final String pkg;
    final Map<String, String> singleImports = new HashMap<>();
    final List<String> wildcardImports = new ArrayList<>();
    final Map<String, String> declaredTypes = new HashMap<>();

    Recorder(Path git, String tag, String file, CompilationUnit upstream, CompilationUnit standIn, List<String> out) {
      this.git = git;
      this.tag = tag;
      this.dir = file.substring(0, file.lastIndexOf('/'));
      this.upstream = upstream;
      this.standIn = standIn;
      this.out = out;
      this.pkg = upstream.getPackageDeclaration().map(p -> p.getNameAsString()).orElse("");
      for (ImportDeclaration i : upstream.getImports()) {
        if (i.isStatic()) continue;
        if (i.isAsterisk()) wildcardImports.add(i.getNameAsString());
        else singleImports.put(i.getName().getIdentifier(), binary(i.getNameAsString()));
      }
      for (TypeDeclaration<?> t : upstream.getTypes()) collect(t, pkg + "." + t.getNameAsString());
    }

    void collect(TypeDeclaration<?> t, String binary) {
      declaredTypes.putIfAbsent(t.getNameAsString(), binary);
      for (BodyDeclaration<?> m : t.getMembers()) {
        if (m instanceof TypeDeclaration<?> n) collect(n, binary + "$" + n.getNameAsString());
      }
    }

    /** a.b.Outer.Inner -> a.b.Outer$Inner (packages are lower case, types upper case). */
    static String binary(String dotted) {
      String[] parts = dotted.split("\\.");
      StringBuilder b = new StringBuilder();
      boolean inType = false;
      for (String part : parts) {
        if (b.length() > 0) b.append(inType ? "$" : ".");
        b.append(part);
        if (Character.isUpperCase(part.charAt(0))) inType = true;
      }
      return b.toString();
    }

    void record(String type) throws Exception {
      TypeDeclaration<?> up = upstream.getTypes().stream().filter(t -> (pkg + "." + t.getNameAsString()).equals(type))
          .findFirst().orElseThrow(() -> new IllegalStateException("no " + type + " upstream"));
      TypeDeclaration<?> si = standIn.getTypes().get(0);
      recordType(up, si, type, false, new ArrayDeque<>());
    }

    void recordType(TypeDeclaration<?> up, TypeDeclaration<?> si, String binary, boolean inInterface,
        Deque<Set<String>> typeVars) throws Exception {
      Set<String> classVars = new HashSet<>();
      NodeList<TypeParameter> tps = up instanceof ClassOrInterfaceDeclaration c ? c.getTypeParameters() : new NodeList<>();
      tps.forEach(tp -> classVars.add(tp.getNameAsString()));
      typeVars.push(classVars);
      boolean nested = !binary.equals(pkg + "." + up.getNameAsString());
      String kind = kind(up);
      Set<String> mods = modifiers(up);
      if (kind.equals("interface") || kind.equals("@interface")) mods.add("abstract");
      if (nested && !kind.equals("class")) mods.add("static");
      if (inInterface && nested) { mods.add("public"); mods.add("static"); }
      if (kind.equals("enum") && ((EnumDeclaration) up).getEntries().stream().noneMatch(e -> !e.getClassBody().isEmpty())) {
        mods.add("final");
      }
      String ext = "";
      List<String> impl = new ArrayList<>();
      if (up instanceof ClassOrInterfaceDeclaration c) {
        if (c.isInterface()) c.getExtendedTypes().forEach(t -> impl.add(render(t, typeVars)));
        else {
          ext = c.getExtendedTypes().isEmpty() ? "java.lang.Object" : render(c.getExtendedTypes().get(0), typeVars);
          c.getImplementedTypes().forEach(t -> impl.add(render(t, typeVars)));
        }
      } else if (up instanceof EnumDeclaration e) {
        ext = "java.lang.Enum<" + binary + ">";
        e.getImplementedTypes().forEach(t -> impl.add(render(t, typeVars)));
      } else if (up instanceof RecordDeclaration r) {
        ext = "java.lang.Record";
        r.getImplementedTypes().forEach(t -> impl.add(render(t, typeVars)));
      }
      Collections.sort(impl);
      out.add("type " + binary + " | " + join(mods) + " " + kind + " | " + typeParams(tps, typeVars)
          + " | extends " + ext + " | implements " + String.join(",", impl));
      if (up instanceof AnnotationDeclaration a) {
        out.add("annotation " + binary + " | retention " + metaValue(a, "Retention", "CLASS") + " | target "
            + metaValue(a, "Target", "") + " | " + (a.getAnnotationByName("Documented").isPresent() ? "documented" : "")
            + " | " + (a.getAnnotationByName("Inherited").isPresent() ? "inherited" : ""));
      }
      if (up instanceof EnumDeclaration e) {
        e.getEntries().forEach(c -> out.add("constant " + binary + "#" + c.getNameAsString()));
      }
      boolean isInterface = kind.equals("interface") || kind.equals("@interface");
      Set<String> methodNames = new HashSet<>();
      Set<String> fieldNames = new HashSet<>();
      Map<String, TypeDeclaration<?>> siNested = new HashMap<>();
      for (BodyDeclaration<?> m : si.getMembers()) {
        if (m instanceof MethodDeclaration md) methodNames.add(md.getNameAsString());
        if (m instanceof AnnotationMemberDeclaration am) methodNames.add(am.getNameAsString());
        if (m instanceof FieldDeclaration fd) fd.getVariables().forEach(v -> fieldNames.add(v.getNameAsString()));
        if (m instanceof TypeDeclaration<?> td) siNested.put(td.getNameAsString(), td);
      }
      boolean anyCtor = false;
      for (BodyDeclaration<?> m : up.getMembers()) {
        if (m instanceof MethodDeclaration md) {
          boolean abs = isInterface ? md.getBody().isEmpty() && !md.isStatic() && !md.isPrivate() && !md.isDefault()
              : md.isAbstract();
          if (!abs && !methodNames.contains(md.getNameAsString())) continue;
          if (md.isPrivate()) continue;
          out.add(method(binary, md, isInterface, typeVars));
        } else if (m instanceof AnnotationMemberDeclaration am) {
          out.add("method " + binary + "#" + am.getNameAsString() + "() | public abstract |  | "
              + render(am.getType(), typeVars) + " | () | throws  | ");
        } else if (m instanceof ConstructorDeclaration cd) {
          anyCtor = true;
          out.add(constructor(binary, cd, typeVars));
        } else if (m instanceof FieldDeclaration fd) {
          for (VariableDeclarator v : fd.getVariables()) {
            if (!fieldNames.contains(v.getNameAsString()) || fd.isPrivate()) continue;
            Set<String> fm = modifiers(fd);
            if (isInterface) fm.addAll(List.of("public", "static", "final"));
            out.add("field " + binary + "#" + v.getNameAsString() + " | " + join(fm) + " | "
                + render(v.getType(), typeVars) + " | " + nullness(fd, ""));
          }
        } else if (m instanceof TypeDeclaration<?> td && siNested.containsKey(td.getNameAsString())) {
          recordType(td, siNested.get(td.getNameAsString()), binary + "$" + td.getNameAsString(), isInterface, typeVars);
        }
      }
      if (!anyCtor && (kind.equals("class"))) {
        Set<String> cm = new TreeSet<>(mods);
        cm.retainAll(Set.of("public", "protected", "private"));
        out.add("constructor " + binary + "#<init>() | " + join(cm) + " |  | () | throws  | ");
      }
      typeVars.pop();
    }

    String method(String owner, MethodDeclaration md, boolean inInterface, Deque<Set<String>> typeVars) {
      Set<String> vars = new HashSet<>();
      md.getTypeParameters().forEach(tp -> vars.add(tp.getNameAsString()));
      typeVars.push(vars);
      Set<String> mods = modifiers(md);
      if (inInterface && !md.isPrivate()) {
        mods.add("public");
        if (md.getBody().isEmpty() && !md.isStatic()) mods.add("abstract");
      }
      if (md.isDefault()) mods.add("default");
      String line = "method " + owner + "#" + md.getNameAsString() + erased(md.getParameters(), md.getTypeParameters(), typeVars)
          + " | " + join(withVarargs(mods, md.getParameters())) + " | " + typeParams(md.getTypeParameters(), typeVars)
          + " | " + render(md.getType(), typeVars) + " | " + params(md.getParameters(), typeVars) + " | throws "
          + throwsList(md.getThrownExceptions(), typeVars) + " | " + nullnessOf(nullness(md, "return"), md.getParameters());
      typeVars.pop();
      return line;
    }

    String constructor(String owner, ConstructorDeclaration cd, Deque<Set<String>> typeVars) {
      Set<String> vars = new HashSet<>();
      cd.getTypeParameters().forEach(tp -> vars.add(tp.getNameAsString()));
      typeVars.push(vars);
      String line = "constructor " + owner + "#<init>" + erased(cd.getParameters(), cd.getTypeParameters(), typeVars)
          + " | " + join(withVarargs(modifiers(cd), cd.getParameters())) + " | " + typeParams(cd.getTypeParameters(), typeVars)
          + " | " + params(cd.getParameters(), typeVars) + " | throws " + throwsList(cd.getThrownExceptions(), typeVars)
          + " | " + nullnessOf("", cd.getParameters());
      typeVars.pop();
      return line;
    }

    static Set<String> withVarargs(Set<String> mods, NodeList<Parameter> ps) {
      if (!ps.isEmpty() && ps.get(ps.size() - 1).isVarArgs()) mods.add("varargs");
      return mods;
    }

    String params(NodeList<Parameter> ps, Deque<Set<String>> typeVars) {
      return "(" + ps.stream().map(p -> render(p.getType(), typeVars) + (p.isVarArgs() ? "[]" : ""))
          .collect(Collectors.joining(",")) + ")";
    }

    String erased(NodeList<Parameter> ps, NodeList<TypeParameter> own, Deque<Set<String>> typeVars) {
      return "(" + ps.stream().map(p -> erase(p.getType()) + (p.isVarArgs() ? "[]" : "")).collect(Collectors.joining(",")) + ")";
    }

    /** Erasure: type variables become the erasure of their first bound (looked up in this file). */
    String erase(Type t) {
      if (t instanceof ArrayType a) return erase(a.getComponentType()) + "[]";
      if (t instanceof PrimitiveType p) return p.asString();
      if (t instanceof ClassOrInterfaceType c) {
        Optional<TypeParameter> tp = c.getScope().isEmpty() ? findTypeParameter(c, c.getNameAsString()) : Optional.empty();
        if (tp.isPresent()) {
          return tp.get().getTypeBound().isEmpty() ? "java.lang.Object" : erase(tp.get().getTypeBound().get(0));
        }
        return resolve(c.getNameWithScope());
      }
      return t.asString();
    }

    Optional<TypeParameter> findTypeParameter(com.github.javaparser.ast.Node n, String name) {
      for (Optional<com.github.javaparser.ast.Node> p = n.getParentNode(); p.isPresent(); p = p.get().getParentNode()) {
        NodeList<TypeParameter> tps = null;
        if (p.get() instanceof MethodDeclaration m) tps = m.getTypeParameters();
        if (p.get() instanceof ConstructorDeclaration c) tps = c.getTypeParameters();
        if (p.get() instanceof ClassOrInterfaceDeclaration c) tps = c.getTypeParameters();
        if (tps != null) {
          for (TypeParameter tp : tps) if (tp.getNameAsString().equals(name)) return Optional.of(tp);
        }
      }
      return Optional.empty();
    }

    String throwsList(NodeList<ReferenceType> ts, Deque<Set<String>> typeVars) {
      return ts.stream().map(t -> render(t, typeVars)).sorted().collect(Collectors.joining(","));
    }

    String typeParams(NodeList<TypeParameter> tps, Deque<Set<String>> typeVars) {
      if (tps.isEmpty()) return "";
      return "<" + tps.stream().map(tp -> tp.getNameAsString() + (tp.getTypeBound().isEmpty() ? ""
          : " extends " + tp.getTypeBound().stream().map(b -> render(b, typeVars)).collect(Collectors.joining("&"))))
          .collect(Collectors.joining(",")) + ">";
    }

    String render(Type t, Deque<Set<String>> typeVars) {
      if (t instanceof ArrayType a) return render(a.getComponentType(), typeVars) + "[]";
      if (t instanceof PrimitiveType || t instanceof VoidType) return t.asString();
      if (t instanceof WildcardType w) {
        if (w.getExtendedType().isPresent()) return "? extends " + render(w.getExtendedType().get(), typeVars);
        if (w.getSuperType().isPresent()) return "? super " + render(w.getSuperType().get(), typeVars);
        return "?";
      }
      if (t instanceof ClassOrInterfaceType c) {
        String name = c.getNameWithScope();
        if (c.getScope().isEmpty() && typeVars.stream().anyMatch(s -> s.contains(name))) return name;
        String raw = c.getScope().isPresent() && c.getScope().get().getTypeArguments().isPresent()
            ? render(c.getScope().get(), typeVars).replaceAll("<.*", "") + "$" + c.getNameAsString() : resolve(name);
        return raw + c.getTypeArguments().map(args -> args.isEmpty() ? "" : "<" + args.stream()
            .map(a -> render(a, typeVars)).collect(Collectors.joining(",")) + ">").orElse("");
      }
      throw new IllegalStateException("type " + t);
    }

    String resolve(String dotted) {
      int dot = dotted.indexOf('.');
      String first = dot < 0 ? dotted : dotted.substring(0, dot);
      String rest = dot < 0 ? "" : dotted.substring(dot + 1).replace('.', '$');
      if (Character.isLowerCase(first.charAt(0))) return binary(dotted);
      String base = resolveSimple(first);
      return rest.isEmpty() ? base : base + "$" + rest;
    }

    String resolveSimple(String name) {
      if (declaredTypes.containsKey(name)) return declaredTypes.get(name);
      if (singleImports.containsKey(name)) return singleImports.get(name);
      if (listing().contains(dir + "/" + name + ".java")) return pkg + "." + name;
      if (exists("java.lang." + name)) return "java.lang." + name;
      for (String w : wildcardImports) {
        String candidate = binary(w + "." + name);
        String path = dir.substring(0, dir.length() - pkg.length()) + w.replace('.', '/') + "/" + name + ".java";
        if (listing().contains(path) || exists(candidate)) return candidate;
      }
      return "UNRESOLVED:" + name;
    }

    Set<String> listing() {
      return LISTINGS.computeIfAbsent(git + "@" + tag, k -> {
        try {
          return new HashSet<>(Arrays.asList(git(git, "ls-tree", "-r", "--name-only", tag).split("\n")));
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
      });
    }

    static boolean exists(String binary) {
      try {
        Class.forName(binary, false, RecordUpstream.class.getClassLoader());
        return true;
      } catch (ClassNotFoundException e) {
        return false;
      }
    }

    String nullness(NodeWithAnnotations<?> n, String position) {
      List<String> names = n.getAnnotations().stream().map(AnnotationExpr::getNameAsString)
          .filter(a -> NULLNESS.contains(a.substring(a.lastIndexOf('.') + 1))).map(a -> "@" + resolve(a)).sorted()
          .collect(Collectors.toList());
      return names.isEmpty() ? "" : (position.isEmpty() ? "" : position + "=") + String.join(",", names);
    }

    String nullnessOf(String ret, NodeList<Parameter> ps) {
      List<String> parts = new ArrayList<>();
      if (!ret.isEmpty()) parts.add(ret);
      for (int i = 0; i < ps.size(); i++) {
        String n = nullness(ps.get(i), "p" + i);
        if (!n.isEmpty()) parts.add(n);
      }
      return String.join(";", parts);
    }

    static String metaValue(AnnotationDeclaration a, String meta, String absent) {
      Optional<AnnotationExpr> found = a.getAnnotationByName(meta);
      if (found.isEmpty()) return absent;
      Expression value = found.get() instanceof SingleMemberAnnotationExpr s ? s.getMemberValue()
          : ((NormalAnnotationExpr) found.get()).getPairs().get(0).getValue();
      List<Expression> values = value instanceof ArrayInitializerExpr arr ? arr.getValues() : List.of(value);
      return values.stream().map(v -> v.toString().substring(v.toString().lastIndexOf('.') + 1)).sorted()
          .collect(Collectors.joining(","));
    }

    static String kind(TypeDeclaration<?> t) {
      if (t instanceof AnnotationDeclaration) return "@interface";
      if (t instanceof EnumDeclaration) return "enum";
      if (t instanceof RecordDeclaration) return "record";
      return ((ClassOrInterfaceDeclaration) t).isInterface() ? "interface" : "class";
    }

    static Set<String> modifiers(com.github.javaparser.ast.nodeTypes.NodeWithModifiers<?> n) {
      Set<String> mods = new TreeSet<>();
      for (Modifier m : n.getModifiers()) {
        String k = m.getKeyword().asString();
        if (Set.of("public", "protected", "private", "abstract", "static", "final").contains(k)) mods.add(k);
      }
      return mods;
    }
  }

  /** Canonical order, shared with the test. */
  static String join(Set<String> mods) {
    List<String> order = List.of("public", "protected", "private", "abstract", "static", "final", "default", "varargs");
    return order.stream().filter(mods::contains).collect(Collectors.joining(" "));
  }
}
