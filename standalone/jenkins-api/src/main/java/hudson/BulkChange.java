// Compile-only stand-in of the upstream declaration (see standalone/jenkins-api/README.md).
package hudson;

import hudson.model.Saveable;
import java.io.Closeable;
import java.io.IOException;

/**
 * Minimal behaviour, as upstream: a per-thread stack of changes in progress; while one is open
 * for a {@link Saveable}, {@link #contains} is true and that object's {@code save()} returns
 * without writing; {@link #commit()} leaves the scope and saves once, {@link #abort()} only
 * leaves it. Upstream's {@code ALL} and {@code allocator} are left out.
 */
public class BulkChange implements Closeable {
    private static final ThreadLocal<BulkChange> IN_SCOPE = new ThreadLocal<>();

    private final Saveable saveable;
    private final BulkChange parent;
    private boolean completed;

    public BulkChange(Saveable saveable) {
        this.parent = current();
        this.saveable = saveable;
        IN_SCOPE.set(this);
    }

    public void commit() throws IOException {
        if (completed) {
            return;
        }
        completed = true;
        leave();
        saveable.save();
    }

    @Override
    public void close() {
        abort();
    }

    public void abort() {
        if (completed) {
            return;
        }
        completed = true;
        leave();
    }

    private void leave() {
        if (current() != this) {
            throw new AssertionError("Trying to save BulkChange that's not in scope");
        }
        IN_SCOPE.set(parent);
    }

    public static BulkChange current() {
        return IN_SCOPE.get();
    }

    public static boolean contains(Saveable s) {
        for (BulkChange b = current(); b != null; b = b.parent) {
            if (b.saveable == s) {
                return true;
            }
        }
        return false;
    }
}
