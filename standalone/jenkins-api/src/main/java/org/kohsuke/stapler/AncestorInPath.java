// Compile-only stand-in of the upstream declaration (see standalone/jenkins-api/README.md).
package org.kohsuke.stapler;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** Upstream is also meta-annotated {@code @InjectedParameter(HandlerImpl.class)}, a runtime-only concern. */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.PARAMETER)
@Documented
public @interface AncestorInPath {}
