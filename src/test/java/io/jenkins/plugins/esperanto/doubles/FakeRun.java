package io.jenkins.plugins.esperanto.doubles;

import hudson.model.Job;
import hudson.model.Run;
import java.io.IOException;

/**
 * A build that records actions and has an id; models jenkinsci/jenkins core/src/main/java/hudson/model/Run.java
 * at jenkins-2.555.3: save() writes nothing inside a BulkChange of the run.
 */
public final class FakeRun extends Run<FakeRun.FakeJob, FakeRun> {
  private final String id;

  public FakeRun(String id) throws IOException {
    super(new FakeJob());
    this.id = id;
  }

  /** Writes of the build record, as core 2.555.3's Run.save: none while a BulkChange of this run is open. */
  public int saves;

  @Override
  public synchronized void save() {
    if (!hudson.BulkChange.contains(this)) {
      saves++;
    }
  }

  @Override
  public String getExternalizableId() {
    return id;
  }

  /** The job of a {@link FakeRun}. */
  public static final class FakeJob extends Job<FakeJob, FakeRun> {
    FakeJob() {
      super(null, "job");
    }

    // Abstract in core 2.555.3's Job; the glue never reaches a job's builds.
    @Override
    public boolean isBuildable() {
      throw new UnsupportedOperationException("FakeJob does not model builds");
    }

    @Override
    protected java.util.SortedMap<Integer, ? extends FakeRun> _getRuns() {
      throw new UnsupportedOperationException("FakeJob does not model builds");
    }

    @Override
    protected void removeRun(FakeRun run) {
      throw new UnsupportedOperationException("FakeJob does not model builds");
    }
  }
}
