package io.jenkins.plugins.esperanto.doubles;

import com.google.common.util.concurrent.ListenableFuture;
import hudson.model.Result;
import java.util.HashMap;
import java.util.Map;
import org.jenkinsci.plugins.workflow.steps.BodyInvoker;
import org.jenkinsci.plugins.workflow.steps.StepContext;

/**
 * A step context holding the objects a test puts in it; records the outcome. As CpsStepContext
 * (jenkinsci/workflow-cps-plugin plugin/src/main/java/org/jenkinsci/plugins/workflow/cps/CpsStepContext.java at 9409e1e0c44e):
 * {@link #get} gives null for what the context does not hold, and only the first completion
 * counts (a later one is a bug upstream logs as "already completed"; here it is counted, so a test
 * can assert there was exactly one). Not persisted state.
 */
public final class FakeStepContext extends StepContext {
  private static final long serialVersionUID = 1L;
  private final transient Map<Class<?>, Object> values = new HashMap<>();
  public transient Object result;
  public transient Throwable failure;
  public transient Result buildResult;
  /** How many times the step completed (onSuccess or onFailure): exactly one is right. */
  public transient int completions;

  public <T> FakeStepContext with(Class<T> key, T value) {
    values.put(key, value);
    return this;
  }

  @Override
  public <T> T get(Class<T> key) {
    return key.cast(values == null ? null : values.get(key));
  }

  @Override
  public synchronized void onSuccess(Object result) {
    if (completions++ == 0) {
      this.result = result;
    }
  }

  @Override
  public synchronized void onFailure(Throwable t) {
    if (completions++ == 0) {
      this.failure = t;
    }
  }

  @Override
  public boolean isReady() {
    return true;
  }

  @Override
  public ListenableFuture<Void> saveState() {
    throw new UnsupportedOperationException("not needed by these tests");
  }

  @Override
  public void setResult(Result r) {
    this.buildResult = r;
  }

  @Override
  public BodyInvoker newBodyInvoker() {
    throw new UnsupportedOperationException("not needed by these tests");
  }

  @Override
  public boolean equals(Object o) {
    return o == this;
  }

  @Override
  public int hashCode() {
    return System.identityHashCode(this);
  }
}
