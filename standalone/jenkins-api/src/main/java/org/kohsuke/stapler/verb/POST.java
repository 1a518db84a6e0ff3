// Compile-only stand-in of the upstream declaration (see standalone/jenkins-api/README.md).
package org.kohsuke.stapler.verb;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** Upstream is also meta-annotated {@code @InterceptorAnnotation(...)}, a runtime-only concern. */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface POST {}
