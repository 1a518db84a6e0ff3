package io.jenkins.plugins.esperanto.doubles;

import hudson.FilePath;
import hudson.model.TaskListener;
import hudson.remoting.Callable;
import hudson.remoting.RemoteOutputStream;
import hudson.remoting.VirtualChannel;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.OutputStream;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A remoting channel to an "agent" that is this very JVM, modelling remoting's Channel
 * (jenkinsci/remoting, src/main/java/hudson/remoting/{Channel,VirtualChannel,UserRequest}.java,
 * remoting 3355): every callable and its result cross Java serialisation, so a field that would
 * not reach a real agent fails here too; objects that are SerializableOnlyOverRemoting
 * ({@link FilePath}, {@link TaskListener}, {@link RemoteOutputStream}) are exported, that is the
 * other side gets a stand-in that reaches the same object, as remoting's export table does; a
 * closed channel refuses calls ({@code ChannelClosedException}, an IOException). The callables are
 * recorded, in order.
 */
public final class InProcessChannel implements VirtualChannel, AutoCloseable {
  private final ExecutorService executor = Executors.newCachedThreadPool();
  private final Map<Integer, Object> exported = new ConcurrentHashMap<>();
  private final AtomicInteger nextExport = new AtomicInteger();
  private final CountDownLatch closed = new CountDownLatch(1);
  public final List<Callable<?, ?>> calls = new ArrayList<>();

  @Override
  public <V, T extends Throwable> V call(Callable<V, T> callable) throws IOException, T, InterruptedException {
    Callable<V, T> remote = send(callable);
    return reply(remote.call());
  }

  @Override
  public <V, T extends Throwable> hudson.remoting.Future<V> callAsync(Callable<V, T> callable) throws IOException {
    Callable<V, T> remote = send(callable);
    return new RemotingFuture<>(executor.submit(() -> {
      try {
        return reply(remote.call());
      } catch (Exception | Error e) {
        throw e;
      } catch (Throwable t) {
        throw new IOException(t);
      }
    }));
  }

  /** Records the callable and returns the copy the "agent" runs. */
  @SuppressWarnings("unchecked")
  private <V, T extends Throwable> Callable<V, T> send(Callable<V, T> callable) throws IOException {
    if (closed.getCount() == 0) {
      throw new IOException("hudson.remoting.ChannelClosedException: channel is already closed");
    }
    synchronized (calls) {
      calls.add(callable);
    }
    return (Callable<V, T>) crossing(callable);
  }

  private <V> V reply(V result) throws IOException {
    @SuppressWarnings("unchecked")
    V copy = (V) crossing(result);
    return copy;
  }

  /** Serialises and deserialises {@code value} as a channel does, exporting what remoting exports. */
  private Object crossing(Object value) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ExportingOutput(bytes)) {
      out.writeObject(value);
    }
    try (ObjectInputStream in = new ImportingInput(new ByteArrayInputStream(bytes.toByteArray()))) {
      return in.readObject();
    } catch (ClassNotFoundException e) {
      throw new IOException(e);
    }
  }

  /** Closes the channel; later calls fail, as on a disconnected agent. */
  @Override
  public void close() {
    closed.countDown();
    executor.shutdownNow();
  }

  // Abstract in remoting's VirtualChannel: modelled, though the glue never calls them.
  public void join() throws InterruptedException {
    closed.await();
  }

  public void join(long timeout) throws InterruptedException {
    closed.await(timeout, TimeUnit.MILLISECONDS);
  }

  /** Both sides are this JVM, so the "proxy" is the instance itself; null stays null. */
  public <T> T export(Class<T> type, T instance) {
    return instance;
  }

  /** Every call here runs to completion before it returns: there is no pending I/O. */
  public void syncLocalIO() {}

  /** Replaces exported objects with a handle (remoting writes an export id). */
  private final class ExportingOutput extends ObjectOutputStream {
    ExportingOutput(OutputStream out) throws IOException {
      super(out);
      enableReplaceObject(true);
    }

    @Override
    protected Object replaceObject(Object obj) {
      if (obj instanceof FilePath || obj instanceof TaskListener || obj instanceof RemoteOutputStream) {
        int id = nextExport.incrementAndGet();
        exported.put(id, obj);
        return new ExportHandle(id);
      }
      return obj;
    }
  }

  private final class ImportingInput extends ObjectInputStream {
    ImportingInput(InputStream in) throws IOException {
      super(in);
      enableResolveObject(true);
    }

    @Override
    protected Object resolveObject(Object obj) {
      return obj instanceof ExportHandle handle ? exported.get(handle.id) : obj;
    }
  }

  private record ExportHandle(int id) implements Serializable {}

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
    public V get() throws InterruptedException, ExecutionException {
      return inner.get();
    }

    @Override
    public V get(long timeout, TimeUnit unit) throws InterruptedException, ExecutionException, TimeoutException {
      return inner.get(timeout, unit);
    }
  }
}
