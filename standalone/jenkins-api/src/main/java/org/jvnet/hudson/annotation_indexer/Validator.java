// Compile-only stand-in of the upstream declaration (see standalone/jenkins-api/README.md).
package org.jvnet.hudson.annotation_indexer;

/** Referenced by {@link Indexed#validators()}; no member is used. */
public interface Validator {}
