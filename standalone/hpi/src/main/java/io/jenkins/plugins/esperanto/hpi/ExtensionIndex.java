package io.jenkins.plugins.esperanto.hpi;

import hudson.Extension;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import jenkins.YesNoMaybe;
import net.java.sezpoz.Index;
import net.java.sezpoz.IndexItem;

/**
 * The indices in a set of plugin jars, read as Jenkins reads them: the SezPoz index of
 * {@code @Extension} through {@code Index.load(Extension.class, Object.class, loader)}
 * ({@code hudson.ExtensionFinder.Sezpoz}, jenkinsci/jenkins tag jenkins-2.555.3), and the
 * annotation-indexer index as {@code org.jvnet.hudson.annotation_indexer.Index.list} reads it.
 */
final class ExtensionIndex implements AutoCloseable {

  static final String ANNOTATIONS = "META-INF/services/annotations/";

  private final URLClassLoader loader;

  private ExtensionIndex(URLClassLoader loader) {
    this.loader = loader;
  }

  static ExtensionIndex over(List<Path> jars) throws IOException {
    URL[] urls = new URL[jars.size()];
    for (int i = 0; i < urls.length; i++) {
      urls[i] = jars.get(i).toUri().toURL();
    }
    return new ExtensionIndex(new URLClassLoader(urls, new ResourcelessParent(Extension.class.getClassLoader())));
  }

  /** @return binary names of the classes in the {@code @Extension} index */
  Set<String> extensionClasses() {
    Set<String> result = new TreeSet<>();
    for (IndexItem<Extension, Object> item : Index.load(Extension.class, Object.class, loader)) {
      result.add(item.className());
    }
    return result;
  }

  /**
   * maven-hpi-plugin's {@code Support-Dynamic-Loading}: false if an extension says NO, empty if
   * one says MAYBE (the default), true if all say YES.
   */
  Optional<Boolean> dynamicLoading() {
    Set<YesNoMaybe> answers = java.util.EnumSet.noneOf(YesNoMaybe.class);
    for (IndexItem<Extension, Object> item : Index.load(Extension.class, Object.class, loader)) {
      answers.add(item.annotation().dynamicLoadable());
    }
    if (answers.contains(YesNoMaybe.NO)) {
      return Optional.of(false);
    }
    return answers.contains(YesNoMaybe.MAYBE) ? Optional.empty() : Optional.of(true);
  }

  /**
   * The annotation-indexer index of an annotation, every copy on the jars merged.
   *
   * @param annotation the annotation's binary name
   * @return the class names listed
   */
  Set<String> indexed(String annotation) throws IOException {
    Set<String> result = new TreeSet<>();
    Enumeration<URL> copies = loader.getResources(ANNOTATIONS + annotation);
    while (copies.hasMoreElements()) {
      try (InputStream in = copies.nextElement().openStream()) {
        for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
          if (!line.isBlank()) {
            result.add(line.trim());
          }
        }
      }
    }
    return result;
  }

  /** @return whether the jars hold that resource */
  boolean has(String resource) {
    return loader.getResource(resource) != null;
  }

  @Override
  public void close() throws IOException {
    loader.close();
  }
}
