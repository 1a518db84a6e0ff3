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
  public <V, T extends Throwable> Future<V> callAsync(Callable<V, T> callable) throws IOException {
    synchronized (calls) {
      calls.add(callable);
    }
    return executor.submit(() -> {
      try {
        return callable.call();
      } catch (Exception | Error e) {
        throw e;
      } catch (Throwable t) {
        throw new IOException(t);
      }
    });
  }

  @Override
  public void close() {
    executor.shutdownNow();
  }
}
