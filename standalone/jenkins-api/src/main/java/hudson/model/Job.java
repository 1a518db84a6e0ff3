// Compile-only stand-in of the upstream declaration (see standalone/jenkins-api/README.md).
package hudson.model;

/** Only the type parameters matter to the glue (through {@link Run}). */
public abstract class Job<JobT extends Job<JobT, RunT>, RunT extends Run<JobT, RunT>> {}
