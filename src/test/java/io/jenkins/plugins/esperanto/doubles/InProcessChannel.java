package io.jenkins.plugins.esperanto.doubles;

import hudson.remoting.Callable;
import hudson.remoting.VirtualChannel;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * A remoting channel to an "agent" that is this very JVM: callables run here, against the real
 * Docker Engine. Records every callable it was given, in order.
 */
public final class InProcessChannel implements VirtualChannel, AutoCloseable {
  private final ExecutorService executor = Executors.newCachedThreadPool();
  public final List<Callable<?, ?>> calls = new ArrayList<>();

  @Override
  public <V, T extends Throwable> V call(Callable<V, T> callable) throws T {
    synchronized (calls) {
      calls.add(callable);
    }
    return callable.call();
  }

  @Override
  public <V, T extends Throwable> hudson.remoting.Future<V> callAsync(Callable<V, T> callable) throws IOException {
    synchronized (calls) {
      calls.add(callable);
    }
    return new RemotingFuture<>(executor.submit(() -> {
      try {
        return callable.call();
      } catch (Exception | Error e) {
        throw e;
      } catch (Throwable t) {
        throw new IOException(t);
      }
    }));
  }

  @Override
  public void close() {
    executor.shutdownNow();
  }

  // The members below are abstract in remoting 3355's VirtualChannel; the glue never calls them.
  @Override
  public void join() {
    throw new UnsupportedOperationException("InProcessChannel does not model join");
  }

  @Override
  public void join(long timeout) {
    throw new UnsupportedOperationException("InProcessChannel does not model join");
  }

  @Override
  public <T> T export(Class<T> type, T instance) {
    throw new UnsupportedOperationException("InProcessChannel does not model export");
  }

  @Override
  public void syncLocalIO() {
    throw new UnsupportedOperationException("InProcessChannel does not model syncLocalIO");
  }

  /** remoting's Future is the JDK's under its own name. */
  private static final class RemotingFuture<V> implements hudson.remoting.Future<V> {
    private final Future<V> inner;

    RemotingFuture(Future<V> inner) {
      this.inner = inner;
    }

    @Override
    public boolean cancel(boolean mayInterruptIfRunning) {
      return inner.cancel(mayInterruptIfRunning);
    }

    @Override
    public boolean isCancelled() {
      return inner.isCancelled();
    }

    @Override
    public boolean isDone() {
      return inner.isDone();
    }

    @Override
    public V get() throws InterruptedException, java.util.concurrent.ExecutionException {
      return inner.get();
    }

    @Override
    public V get(long timeout, java.util.concurrent.TimeUnit unit)
        throws InterruptedException, java.util.concurrent.ExecutionException, java.util.concurrent.TimeoutException {
      return inner.get(timeout, unit);
    }
  }
}
