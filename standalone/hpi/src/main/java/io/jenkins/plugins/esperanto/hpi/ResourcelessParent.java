package io.jenkins.plugins.esperanto.hpi;

import java.net.URL;
import java.util.Collections;
import java.util.Enumeration;

/**
 * A parent class loader that serves classes (the annotation types, such as the stand-in's
 * {@code hudson.Extension}) but no resources, so that a child loader over a plugin's jars sees
 * only the indices in those jars: as Jenkins' plugin class loader, which does not see the
 * indices of the build that made the plugin.
 */
final class ResourcelessParent extends ClassLoader {

  ResourcelessParent(ClassLoader classes) {
    super(classes);
  }

  @Override
  public URL getResource(String name) {
    return null;
  }

  @Override
  public Enumeration<URL> getResources(String name) {
    return Collections.emptyEnumeration();
  }
}
