// Compile-only stand-in of the upstream declaration (see standalone/jenkins-api/README.md).
package hudson.model;

import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.BulkChange;
import java.io.IOException;

/**
 * Minimal behaviour: the constructor keeps the job; {@link Actionable} keeps actions;
 * {@link #save()} returns without writing inside a {@link BulkChange} of this run, as upstream,
 * and otherwise throws (a test double that records saves overrides it). Upstream reaches
 * {@link Saveable} through PersistenceRoot, left out.
 */
public abstract class Run<JobT extends Job<JobT, RunT>, RunT extends Run<JobT, RunT>> extends Actionable
        implements Saveable {
    @NonNull
    protected final JobT project;

    protected Run(@NonNull JobT job) throws IOException {
        this.project = job;
    }

    @Override
    public synchronized void save() throws IOException {
        if (BulkChange.contains(this)) {
            return;
        }
        throw new UnsupportedOperationException("stand-in");
    }

    @NonNull
    public String getExternalizableId() {
        throw new UnsupportedOperationException("stand-in");
    }
}
