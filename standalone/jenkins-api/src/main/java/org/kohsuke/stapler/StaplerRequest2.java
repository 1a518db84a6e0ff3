// Compile-only stand-in of the upstream declaration (see standalone/jenkins-api/README.md).
package org.kohsuke.stapler;

/** Only the type (a parameter of {@code Descriptor.newInstance}); upstream extends the servlet request. */
public interface StaplerRequest2 {}
