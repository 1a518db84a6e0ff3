// Compile-only stand-in of the upstream declaration (see standalone/jenkins-api/README.md).
package hudson.model;
import edu.umd.cs.findbugs.annotations.NonNull;


/** Upstream also implements Loadable, Saveable and OnMaster; the glue relies on none of them. */
public abstract class Descriptor<T extends Describable<T>> {
    protected Descriptor(Class<? extends T> clazz) {
        throw new UnsupportedOperationException("stand-in");
    }

    protected Descriptor() {
        throw new UnsupportedOperationException("stand-in");
    }

    @NonNull
    public String getDisplayName() {
        throw new UnsupportedOperationException("stand-in");
    }

    public synchronized void save() {
        throw new UnsupportedOperationException("stand-in");
    }

    public synchronized void load() {
        throw new UnsupportedOperationException("stand-in");
    }
}
