// Compile-only stand-in of the upstream declaration (see standalone/jenkins-api/README.md).
package hudson.model;

import edu.umd.cs.findbugs.annotations.NonNull;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Upstream extends AbstractModelObject and implements ModelObjectWithContextMenu. Minimal
 * behaviour (a list of actions) so that test doubles of {@link Run} can record actions.
 */
public abstract class Actionable {
    private final List<Action> actions = new CopyOnWriteArrayList<>();

    @NonNull
    public List<Action> getActions() {
        return actions;
    }

    public void addAction(@NonNull Action a) {
        actions.add(a);
    }

    public <T extends Action> T getAction(Class<T> type) {
        for (Action a : actions) {
            if (type.isInstance(a)) {
                return type.cast(a);
            }
        }
        return null;
    }
}
