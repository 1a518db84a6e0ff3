// Compile-only stand-in of the upstream declaration (see standalone/jenkins-api/README.md).
package hudson.model;

import java.util.SortedMap;

/**
 * The type parameters (through {@link Run}), the constructor and the abstract members, which a
 * test double of a job implements. Minimal behaviour: the constructor keeps nothing (upstream
 * extends AbstractItem, left out: the glue never reaches an item through a job).
 */
public abstract class Job<JobT extends Job<JobT, RunT>, RunT extends Run<JobT, RunT>> {
    protected Job(ItemGroup parent, String name) {}

    public abstract boolean isBuildable();

    protected abstract SortedMap<Integer, ? extends RunT> _getRuns();

    protected abstract void removeRun(RunT run);
}
