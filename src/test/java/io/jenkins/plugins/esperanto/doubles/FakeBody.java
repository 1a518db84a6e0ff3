package io.jenkins.plugins.esperanto.doubles;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jenkinsci.plugins.workflow.steps.BodyExecution;
import org.jenkinsci.plugins.workflow.steps.BodyExecutionCallback;
import org.jenkinsci.plugins.workflow.steps.BodyInvoker;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepExecution;

/**
 * The body of a block-scoped step. As CpsBodyInvoker and CpsBodyExecution
 * (jenkinsci/workflow-cps-plugin plugin/src/main/java/org/jenkinsci/plugins/workflow/cps/ at 9409e1e0c44e):
 * the body runs after {@code start()} returns (here: it ends when the test says so, with {@link #end}),
 * and its end is delivered to the callback with the step's own context. A step may start its body
 * again (as retry does); this double keeps the latest start.
 */
public final class FakeBody {
  private final StepContext stepContext;
  private final CountDownLatch started = new CountDownLatch(1);
  private volatile List<Object> contexts;
  private volatile BodyExecutionCallback callback;

  FakeBody(StepContext stepContext) {
    this.stepContext = stepContext;
  }

  BodyInvoker newInvoker() {
    return new Invoker();
  }

  /** Waits until the step started the body; fails the test when it did not within {@code timeout}. */
  public void awaitStart(Duration timeout) throws InterruptedException {
    if (!started.await(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      throw new AssertionError("the body did not start within " + timeout);
    }
  }

  /** Whether the step started the body. */
  public boolean started() {
    return started.getCount() == 0;
  }

  /** The contexts the step gave the body. */
  public List<Object> contexts() {
    return List.copyOf(contexts);
  }

  /** Ends the body: with a failure when {@code failure} is not null, else with success. */
  public void end(Throwable failure) {
    if (failure != null) {
      callback.onFailure(stepContext, failure);
    } else {
      callback.onSuccess(stepContext, null);
    }
  }

  private final class Invoker extends BodyInvoker {
    private final List<Object> overrides = new ArrayList<>();
    private BodyExecutionCallback bodyCallback;

    @Override
    public BodyInvoker withContext(Object override) {
      overrides.add(override);
      return this;
    }

    @Override
    public BodyInvoker withDisplayName(String name) {
      return this;
    }

    @Override
    public BodyInvoker withCallback(BodyExecutionCallback c) {
      bodyCallback = c;
      return this;
    }

    @Override
    public BodyExecution start() {
      contexts = List.copyOf(overrides);
      callback = bodyCallback;
      started.countDown();
      return new Running();
    }
  }

  /** What BodyInvoker.start returns; nothing here cancels a body. */
  private static final class Running extends BodyExecution {
    private static final long serialVersionUID = 1L;

    @Override
    public Collection<StepExecution> getCurrentExecutions() {
      return List.of();
    }

    @Override
    public boolean cancel(boolean mayInterruptIfRunning) {
      throw new UnsupportedOperationException("not needed by these tests");
    }

    @Override
    public boolean isCancelled() {
      return false;
    }

    @Override
    public boolean isDone() {
      return false;
    }

    @Override
    public Object get() throws InterruptedException, ExecutionException {
      throw new UnsupportedOperationException("not needed by these tests");
    }

    @Override
    public Object get(long timeout, TimeUnit unit) throws InterruptedException, ExecutionException, TimeoutException {
      throw new UnsupportedOperationException("not needed by these tests");
    }
  }
}
