// Compile-only stand-in of the upstream declaration (see standalone/jenkins-api/README.md).
package hudson.model;

import java.io.IOException;

/** Minimal behaviour: the constructor keeps the job; {@link Actionable} keeps actions. */
public abstract class Run<JobT extends Job<JobT, RunT>, RunT extends Run<JobT, RunT>> extends Actionable {
    protected final JobT project;

    protected Run(JobT job) throws IOException {
        this.project = job;
    }

    public String getExternalizableId() {
        throw new UnsupportedOperationException("stand-in");
    }
}
