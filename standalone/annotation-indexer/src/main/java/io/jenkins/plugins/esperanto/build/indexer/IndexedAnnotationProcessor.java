package io.jenkins.plugins.esperanto.build.indexer;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.RoundEnvironment;
import javax.annotation.processing.SupportedAnnotationTypes;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.Element;
import javax.lang.model.element.PackageElement;
import javax.lang.model.element.TypeElement;
import javax.tools.Diagnostic;
import javax.tools.FileObject;
import javax.tools.StandardLocation;

/**
 * Writes the annotation-indexer index: for every annotation type meta-annotated with
 * {@code org.jvnet.hudson.annotation_indexer.Indexed}, the resource
 * {@code META-INF/services/annotations/<annotation binary name>} lists, one per line and sorted,
 * the binary names of the classes that carry it (the enclosing class for a field, method or
 * constructor; {@code <package>.*} for a package).
 *
 * <p>That is the file {@code org.jvnet.hudson.annotation_indexer.Index.list} reads at run time
 * (jenkinsci/lib-annotation-indexer {@code Index.java} and {@code AnnotationProcessorImpl.java},
 * read at 92788b1f), which Jenkins uses to find {@code @Symbol} classes (Configuration as Code,
 * symbol lookups) and {@code @ExportedBean} classes. Written from that reading, not copied.
 *
 * <p>One difference, on purpose: the index is written once, when processing is over, from what
 * this compilation saw; upstream also merges the index left in the output folder by an earlier
 * compilation, which keeps entries for classes that no longer exist until a clean build.
 */
@SupportedAnnotationTypes("*")
public final class IndexedAnnotationProcessor extends AbstractProcessor {

  static final String INDEXED = "org.jvnet.hudson.annotation_indexer.Indexed";
  static final String INDEX_FOLDER = "META-INF/services/annotations/";

  private final Map<String, Set<String>> classesByAnnotation = new TreeMap<>();
  private final Map<String, List<Element>> originsByAnnotation = new TreeMap<>();

  @Override
  public SourceVersion getSupportedSourceVersion() {
    return SourceVersion.latest();
  }

  @Override
  public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
    if (round.errorRaised()) {
      return false;
    }
    if (round.processingOver()) {
      classesByAnnotation.forEach(this::write);
      return false;
    }
    for (TypeElement annotation : annotations) {
      if (isIndexed(annotation)) {
        record(annotation, round.getElementsAnnotatedWith(annotation));
      }
    }
    return false;
  }

  private boolean isIndexed(TypeElement annotation) {
    for (AnnotationMirror meta : processingEnv.getElementUtils().getAllAnnotationMirrors(annotation)) {
      TypeElement metaType = (TypeElement) meta.getAnnotationType().asElement();
      if (binaryName(metaType).equals(INDEXED)) {
        return true;
      }
    }
    return false;
  }

  private void record(TypeElement annotation, Set<? extends Element> annotated) {
    String name = binaryName(annotation);
    Set<String> classes = classesByAnnotation.computeIfAbsent(name, k -> new TreeSet<>());
    List<Element> origins = originsByAnnotation.computeIfAbsent(name, k -> new ArrayList<>());
    for (Element element : annotated) {
      indexEntry(element).ifPresent(entry -> {
        classes.add(entry);
        origins.add(element);
      });
    }
  }

  private Optional<String> indexEntry(Element element) {
    switch (element.getKind()) {
      case CLASS:
      case INTERFACE:
      case ENUM:
      case RECORD:
      case ANNOTATION_TYPE:
        return Optional.of(binaryName((TypeElement) element));
      case METHOD:
      case FIELD:
      case CONSTRUCTOR:
        return Optional.of(binaryName((TypeElement) element.getEnclosingElement()));
      case PACKAGE:
        return Optional.of(((PackageElement) element).getQualifiedName() + ".*");
      default:
        return Optional.empty();
    }
  }

  private String binaryName(TypeElement type) {
    return processingEnv.getElementUtils().getBinaryName(type).toString();
  }

  private void write(String annotation, Set<String> classes) {
    Element[] origins = originsByAnnotation.get(annotation).toArray(new Element[0]);
    try {
      FileObject index = processingEnv.getFiler()
          .createResource(StandardLocation.CLASS_OUTPUT, "", INDEX_FOLDER + annotation, origins);
      try (Writer out = new OutputStreamWriter(index.openOutputStream(), StandardCharsets.UTF_8)) {
        for (String type : classes) {
          out.write(type);
          out.write('\n');
        }
      }
    } catch (IOException e) {
      processingEnv.getMessager().printMessage(Diagnostic.Kind.ERROR,
          "Tried to write the annotation index " + INDEX_FOLDER + annotation + " but failed because " + e);
    }
  }
}
