package io.jenkins.plugins.esperanto.doubles;

import com.google.common.util.concurrent.ListenableFuture;
import hudson.model.Result;
import java.util.HashMap;
import java.util.Map;
import org.jenkinsci.plugins.workflow.steps.BodyInvoker;
import org.jenkinsci.plugins.workflow.steps.StepContext;

/** A step context holding the objects a test puts in it; records the outcome. Not persisted state. */
public final class FakeStepContext extends StepContext {
  private static final long serialVersionUID = 1L;
  private final transient Map<Class<?>, Object> values = new HashMap<>();
  public transient Object result;
  public transient Throwable failure;
  public transient Result buildResult;

  public <T> FakeStepContext with(Class<T> key, T value) {
    values.put(key, value);
    return this;
  }

  @Override
  public <T> T get(Class<T> key) {
    return key.cast(values == null ? null : values.get(key));
  }

  @Override
  public void onSuccess(Object result) {
    this.result = result;
  }

  @Override
  public void onFailure(Throwable t) {
    this.failure = t;
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
