package io.jenkins.plugins.esperanto.hpi;

import com.sun.source.tree.AnnotationTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.ImportTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.JavacTask;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/**
 * The classes of a source tree that carry an annotation, found by parsing the sources (javac's
 * parser, no compilation), so that what the indices should hold comes from the sources and not
 * from the class files being checked. A class counts when the annotation is on it or on one of
 * its fields or methods, as SezPoz and annotation-indexer then index the class.
 */
public final class SourceIndex {

  private static final String EXTENSION = "hudson.Extension";

  private final List<CompilationUnitTree> units;

  private SourceIndex(List<CompilationUnitTree> units) {
    this.units = units;
  }

  /**
   * Parses every {@code .java} file under a folder.
   *
   * @param sourceRoot e.g. {@code src/main/java}
   * @return the parsed sources
   * @throws IOException when a file cannot be read
   */
  public static SourceIndex parse(Path sourceRoot) throws IOException {
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    List<Path> files;
    try (Stream<Path> walk = Files.walk(sourceRoot)) {
      files = walk.filter(p -> p.toString().endsWith(".java")).sorted().toList();
    }
    try (StandardJavaFileManager fm = javac.getStandardFileManager(null, null, StandardCharsets.UTF_8)) {
      JavacTask task = (JavacTask) javac.getTask(null, fm, null, List.of("-proc:none"), null,
          fm.getJavaFileObjectsFromPaths(files));
      List<CompilationUnitTree> units = new java.util.ArrayList<>();
      task.parse().forEach(units::add);
      return new SourceIndex(List.copyOf(units));
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
  }

  /**
   * The binary names of the classes that carry an annotation.
   *
   * @param annotation the annotation's fully qualified name, e.g. {@code hudson.Extension}
   * @return binary names ({@code Outer$Inner}), sorted
   */
  public Set<String> classesAnnotatedWith(String annotation) {
    Set<String> result = new TreeSet<>();
    eachTopLevelClass(annotation, (c, name, imported) -> collect(c, name, annotation, imported, result));
    return result;
  }

  /**
   * The classes whose configuration form Jenkins renders from {@code <class>/config.jelly}: the
   * steps (an {@code @Extension} nested descriptor extending {@code StepDescriptor}) and the
   * global configurations (an {@code @Extension} class extending {@code GlobalConfiguration}).
   *
   * @return binary names, sorted
   */
  public Set<String> classesWithConfigForm() {
    Set<String> result = new TreeSet<>();
    eachTopLevelClass(EXTENSION, (c, name, imported) -> formOwners(c, name, null, imported, result));
    return result;
  }

  /** Visits every top-level class with its binary name and whether its file imports {@code annotation}. */
  private void eachTopLevelClass(String annotation, ClassVisitor visitor) {
    for (CompilationUnitTree unit : units) {
      String pkg = unit.getPackageName() == null ? "" : unit.getPackageName() + ".";
      boolean imported = unit.getImports().stream().map(ImportTree::getQualifiedIdentifier)
          .anyMatch(id -> id.toString().equals(annotation));
      for (Tree t : unit.getTypeDecls()) {
        if (t instanceof ClassTree c) {
          visitor.visit(c, pkg + c.getSimpleName(), imported);
        }
      }
    }
  }

  private interface ClassVisitor {
    void visit(ClassTree c, String binaryName, boolean annotationImported);
  }

  private static void formOwners(ClassTree c, String binaryName, String enclosing, boolean imported,
      Set<String> result) {
    if (carries(c.getModifiers().getAnnotations(), EXTENSION, imported) && c.getExtendsClause() != null) {
      String superclass = c.getExtendsClause().toString().replaceAll("<.*", "");
      if (superclass.endsWith("StepDescriptor") && enclosing != null) {
        result.add(enclosing);
      } else if (superclass.endsWith("GlobalConfiguration")) {
        result.add(binaryName);
      }
    }
    for (Tree member : c.getMembers()) {
      if (member instanceof ClassTree nested) {
        formOwners(nested, binaryName + "$" + nested.getSimpleName(), binaryName, imported, result);
      }
    }
  }

  private static void collect(ClassTree c, String binaryName, String annotation, boolean imported,
      Set<String> result) {
    if (carries(c.getModifiers().getAnnotations(), annotation, imported)) {
      result.add(binaryName);
    }
    for (Tree member : c.getMembers()) {
      if (member instanceof ClassTree nested) {
        collect(nested, binaryName + "$" + nested.getSimpleName(), annotation, imported, result);
      } else if (member instanceof MethodTree m && carries(m.getModifiers().getAnnotations(), annotation, imported)) {
        result.add(binaryName);
      } else if (member instanceof VariableTree v && carries(v.getModifiers().getAnnotations(), annotation, imported)) {
        result.add(binaryName);
      }
    }
  }

  private static boolean carries(List<? extends AnnotationTree> annotations, String annotation, boolean imported) {
    String simple = annotation.substring(annotation.lastIndexOf('.') + 1);
    for (AnnotationTree a : annotations) {
      String written = a.getAnnotationType().toString();
      if (written.equals(annotation) || (imported && written.equals(simple))) {
        return true;
      }
    }
    return false;
  }
}
