package io.jenkins.plugins.esperanto.agent;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;

/**
 * The output of a command launched with {@code ProcStarter.readStdout()}, handed to the caller
 * as {@code Proc.getStdout()}.
 *
 * <p>Writes never block: a caller may never read the stream (durable-task's
 * {@code BourneShellScript} only registers it to be closed), and a writer that waited for a
 * reader would hold the agent call, and so {@code Proc.join()}, for ever. Unread output is kept
 * until the reader closes the stream, after which further output is dropped. Unlike
 * {@code PipedInputStream}, nothing depends on which threads wrote or read: remoting runs
 * writes on pooled threads that outlive or precede any one command.
 */
final class StdoutBuffer {
  private final Object lock = new Object();
  private final Deque<byte[]> chunks = new ArrayDeque<>();
  private int offset;
  private boolean writerClosed;
  private boolean readerClosed;
  private final Writer writer = new Writer();
  private final Reader reader = new Reader();

  /** The end the command's output is written to. */
  OutputStream writer() {
    return writer;
  }

  /** The end the caller reads; ends when the writer is closed and everything was read. */
  InputStream reader() {
    return reader;
  }

  private final class Writer extends OutputStream {
    @Override
    public void write(int b) {
      write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) {
      synchronized (lock) {
        if (readerClosed || len == 0) {
          return;
        }
        chunks.addLast(Arrays.copyOfRange(b, off, off + len));
        lock.notifyAll();
      }
    }

    @Override
    public void close() {
      synchronized (lock) {
        writerClosed = true;
        lock.notifyAll();
      }
    }
  }

  private final class Reader extends InputStream {
    @Override
    public int read() throws IOException {
      byte[] one = new byte[1];
      int n = read(one, 0, 1);
      return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      if (len == 0) {
        return 0;
      }
      synchronized (lock) {
        while (chunks.isEmpty() && !writerClosed && !readerClosed) {
          try {
            lock.wait();
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("Interrupted while reading a command's output");
          }
        }
        if (readerClosed) {
          throw new IOException("Tried to read a command's output after closing it");
        }
        if (chunks.isEmpty()) {
          return -1;
        }
        byte[] head = chunks.peekFirst();
        int n = Math.min(len, head.length - offset);
        System.arraycopy(head, offset, b, off, n);
        offset += n;
        if (offset == head.length) {
          chunks.removeFirst();
          offset = 0;
        }
        return n;
      }
    }

    @Override
    public int available() {
      synchronized (lock) {
        return chunks.isEmpty() ? 0 : chunks.peekFirst().length - offset;
      }
    }

    @Override
    public void close() {
      synchronized (lock) {
        readerClosed = true;
        chunks.clear();
        lock.notifyAll();
      }
    }
  }
}
