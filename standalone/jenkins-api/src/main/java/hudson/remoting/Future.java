// Compile-only stand-in of the upstream declaration (see standalone/jenkins-api/README.md).
package hudson.remoting;

/** Upstream's alias of the JDK future, the type {@link VirtualChannel#callAsync} returns. */
public interface Future<V> extends java.util.concurrent.Future<V> {}
