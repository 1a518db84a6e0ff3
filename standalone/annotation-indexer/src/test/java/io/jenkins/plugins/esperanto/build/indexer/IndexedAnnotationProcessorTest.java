package io.jenkins.plugins.esperanto.build.indexer;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Tests for {@link IndexedAnnotationProcessor}: real javac compilations of small sources. */
class IndexedAnnotationProcessorTest {

  @TempDir Path dir;

  private static final String INDEXED = """
      package org.jvnet.hudson.annotation_indexer;
      import java.lang.annotation.*;
      @Retention(RetentionPolicy.RUNTIME) @Target(ElementType.ANNOTATION_TYPE) @Documented
      public @interface Indexed {}
      """;

  @Test
  void process_indexedAnnotation_listsClassesSortedByBinaryName() throws IOException {
    Path out = compile(Map.of(
        "org/jvnet/hudson/annotation_indexer/Indexed.java", INDEXED,
        "p/Sym.java", """
            package p;
            import java.lang.annotation.*;
            @org.jvnet.hudson.annotation_indexer.Indexed @Retention(RetentionPolicy.RUNTIME)
            public @interface Sym { String value(); }
            """,
        "p/Zed.java", "package p; @Sym(\"z\") public class Zed {}",
        "p/Outer.java", "package p; public class Outer { @Sym(\"i\") public static class Inner {} }",
        "p/OnMethod.java", "package p; public class OnMethod { @Sym(\"m\") public void m() {} }",
        "p/OnField.java", "package p; public class OnField { @Sym(\"f\") public int f; }",
        "p/Plain.java", "package p; public class Plain {}"));

    assertThat(Files.readString(out.resolve("META-INF/services/annotations/p.Sym"), StandardCharsets.UTF_8))
        .isEqualTo("p.OnField\np.OnMethod\np.Outer$Inner\np.Zed\n");
  }

  @Test
  void process_annotationWithoutIndexed_writesNoIndex() throws IOException {
    Path out = compile(Map.of(
        "org/jvnet/hudson/annotation_indexer/Indexed.java", INDEXED,
        "p/NotIndexed.java", """
            package p;
            import java.lang.annotation.*;
            @Retention(RetentionPolicy.RUNTIME) public @interface NotIndexed {}
            """,
        "p/User.java", "package p; @NotIndexed public class User {}"));

    assertThat(out.resolve("META-INF/services/annotations")).doesNotExist();
  }

  private Path compile(Map<String, String> sources) throws IOException {
    Path src = dir.resolve("src");
    Path out = Files.createDirectories(dir.resolve("out"));
    for (Map.Entry<String, String> e : sources.entrySet()) {
      Path file = src.resolve(e.getKey());
      Files.createDirectories(file.getParent());
      Files.writeString(file, e.getValue(), StandardCharsets.UTF_8);
    }
    List<Path> files;
    try (Stream<Path> walk = Files.walk(src)) {
      files = walk.filter(p -> p.toString().endsWith(".java")).toList();
    }
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    try (StandardJavaFileManager fm = javac.getStandardFileManager(null, null, StandardCharsets.UTF_8)) {
      JavaCompiler.CompilationTask task = javac.getTask(null, fm, null,
          List.of("-d", out.toString(), "-proc:only"), null, fm.getJavaFileObjectsFromPaths(files));
      task.setProcessors(List.of(new IndexedAnnotationProcessor()));
      assertThat(task.call()).as("javac succeeded").isTrue();
    }
    return out;
  }
}
