// Compile-only stand-in of the upstream declaration (see standalone/jenkins-api/README.md).
package hudson.model;

/**
 * Only {@link Task}, the type of a job whose authentication the credentials forms list with.
 * Upstream extends ResourceController and implements Saveable; it is never constructed here.
 */
public class Queue {
    private Queue() {
        throw new UnsupportedOperationException("stand-in");
    }

    /** Upstream extends FullyNamedModelObject and SubTask; nothing implements it here. */
    public interface Task {
        String getName();

        String getUrl();
    }
}
