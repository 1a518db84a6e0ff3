package io.jenkins.plugins.esperanto.doubles;

import com.google.common.util.concurrent.ListenableFuture;
import hudson.model.Result;
import java.io.IOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.jenkinsci.plugins.workflow.steps.BodyInvoker;
import org.jenkinsci.plugins.workflow.steps.StepContext;

/**
 * A step context holding the objects a test puts in it; records the outcome. As CpsStepContext
 * (jenkinsci/workflow-cps-plugin plugin/src/main/java/org/jenkinsci/plugins/workflow/cps/CpsStepContext.java at 9409e1e0c44e):
 * {@link #get} gives null for what the context does not hold; {@code onFailure(null)} is refused;
 * only the first completion counts, and a later, different failure is added to the first one as
 * suppressed (upstream logs the rest as "already completed"; here completions are counted, so a
 * test can assert there was exactly one); {@link #newBodyInvoker} is refused for a step without a
 * body; and once the step has completed, {@link #get} fails as upstream's doGet does when the
 * program's thread has moved on ("cannot find current thread"), so no clean-up may depend on it.
 * Not persisted state.
 */
public final class FakeStepContext extends StepContext {
  private static final long serialVersionUID = 1L;
  private final transient Map<Class<?>, Object> values = new HashMap<>();
  private final transient CountDownLatch completed = new CountDownLatch(1);
  private transient FakeBody body;
  public transient Object result;
  public transient Throwable failure;
  public transient Result buildResult;
  /** How many times the step completed (onSuccess or onFailure): exactly one is right. */
  public transient int completions;

  public <T> FakeStepContext with(Class<T> key, T value) {
    values.put(key, value);
    return this;
  }

  /** Gives this step a body (a block-scoped step, such as {@code insideEsperanto { … }}). */
  public FakeBody withBody() {
    body = new FakeBody(this);
    return body;
  }

  @Override
  public synchronized <T> T get(Class<T> key) throws IOException {
    if (completions > 0) {
      throw new IOException("cannot find current thread");
    }
    return key.cast(values == null ? null : values.get(key));
  }

  @Override
  public synchronized void onSuccess(Object result) {
    if (completions++ == 0) {
      this.result = result;
      completed.countDown();
    }
  }

  @Override
  public synchronized void onFailure(Throwable t) {
    if (t == null) {
      throw new IllegalArgumentException();
    }
    if (completions++ == 0) {
      this.failure = t;
      completed.countDown();
    } else if (failure != null && !refersTo(t, failure)) {
      failure.addSuppressed(t);
    }
  }

  private static boolean refersTo(Throwable t1, Throwable t2) {
    return t1 == t2 || t1.getCause() != null && refersTo(t1.getCause(), t2)
        || Stream.of(t1.getSuppressed()).anyMatch(t3 -> refersTo(t3, t2));
  }

  /** Waits until the step completed; fails the test when it did not within {@code timeout}. */
  public void awaitCompletion(Duration timeout) throws InterruptedException {
    if (!completed.await(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      throw new AssertionError("the step did not complete within " + timeout);
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
    if (body == null) {
      throw new IllegalStateException("There is no body to invoke");
    }
    return body.newInvoker();
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
