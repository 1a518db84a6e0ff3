// Compile-only stand-in of the upstream declaration (see standalone/jenkins-api/README.md).
package hudson.model;

public interface Describable<T extends Describable<T>> {
    default Descriptor<T> getDescriptor() {
        throw new UnsupportedOperationException("stand-in");
    }
}
