package io.jenkins.plugins.esperanto.engine.squash;

import java.io.IOException;
import java.io.InputStream;
import java.util.Iterator;
import java.util.function.Supplier;

/**
 * Streams one after another, each created only when the previous one has ended. Unlike
 * {@link java.io.SequenceInputStream}, closing it does not create the remaining streams: a part
 * that can only be made once earlier parts were read in full (the config after the merged
 * layer) is never made for a load that was cut off.
 */
final class LazySequence extends ChunkInputStream {
  private final Iterator<? extends Supplier<? extends InputStream>> parts;
  private InputStream current;

  LazySequence(Iterator<? extends Supplier<? extends InputStream>> parts) {
    this.parts = parts;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    if (len == 0) {
      return 0;
    }
    while (true) {
      if (current == null) {
        if (!parts.hasNext()) {
          return -1;
        }
        current = parts.next().get();
      }
      int n = current.read(b, off, len);
      if (n >= 0) {
        return n;
      }
      current.close();
      current = null;
    }
  }

  @Override
  public void close() throws IOException {
    if (current != null) {
      current.close();
      current = null;
    }
  }
}
