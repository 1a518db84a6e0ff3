package io.jenkins.plugins.esperanto.engine.squash;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.function.Supplier;

/**
 * The merged layer tar as a stream, produced as it is read: headers from memory, data read at
 * its offset in the spooled layers. Its exact size is known before the first byte (a tar entry
 * in the load archive needs it), and its sha256, the diff_id, once the last byte is read, so
 * the merge can feed {@code docker load} directly, with no copy on disk.
 */
final class MergedLayerStream extends ChunkInputStream {
  private static final int BLOCK = 512;

  private final List<FileChannel> channels;
  private final long size;
  private final MessageDigest sha256 = Digests.sha256();
  private final InputStream parts;
  private long produced;
  private String diffId;

  private MergedLayerStream(List<OverlayTree.Output> entries, List<FileChannel> channels) {
    this.channels = channels;
    long total = 2 * BLOCK;
    for (OverlayTree.Output entry : entries) {
      long data = entry.content() == null ? 0 : entry.header().size;
      total += TarWriter.headerBytes(entry.header()).length + data + TarWriter.padding(data).length;
    }
    this.size = total;
    this.parts = new LazySequence(new Parts(entries.iterator()));
  }

  /** Opens the layers that {@code entries} (from {@link OverlayTree#result}) read from. */
  static MergedLayerStream open(List<OverlayTree.Output> entries, List<Path> layers)
      throws IOException {
    List<FileChannel> channels = new ArrayList<>();
    try {
      for (Path layer : layers) {
        channels.add(FileChannel.open(layer, StandardOpenOption.READ));
      }
    } catch (IOException e) {
      for (FileChannel channel : channels) {
        channel.close();
      }
      throw e;
    }
    return new MergedLayerStream(entries, channels);
  }

  /** The exact number of bytes this stream produces. */
  long size() {
    return size;
  }

  /** {@code sha256:<hex>} of the bytes produced; only once the stream has been read to its end. */
  String diffId() {
    if (diffId == null) {
      throw new IllegalStateException("the merged layer has not been read to its end");
    }
    return diffId;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    int n = parts.read(b, off, len);
    if (n < 0) {
      if (diffId == null) {
        if (produced != size) {
          throw new IOException("merged layer has " + produced + " bytes, expected " + size);
        }
        diffId = "sha256:" + HexFormat.of().formatHex(sha256.digest());
      }
      return -1;
    }
    sha256.update(b, off, n);
    produced += n;
    return n;
  }

  @Override
  public void close() throws IOException {
    parts.close();
    for (FileChannel channel : channels) {
      channel.close();
    }
  }

  /** Header, data and padding of each entry in turn, then the end-of-archive blocks. */
  private final class Parts implements Iterator<Supplier<InputStream>> {
    private final Iterator<OverlayTree.Output> entries;
    private final List<InputStream> pending = new ArrayList<>();
    private boolean ended;

    Parts(Iterator<OverlayTree.Output> entries) {
      this.entries = entries;
    }

    @Override
    public boolean hasNext() {
      return !pending.isEmpty() || entries.hasNext() || !ended;
    }

    @Override
    public Supplier<InputStream> next() {
      if (pending.isEmpty()) {
        if (entries.hasNext()) {
          OverlayTree.Output entry = entries.next();
          pending.add(new ByteArrayInputStream(TarWriter.headerBytes(entry.header())));
          if (entry.content() != null && entry.header().size > 0) {
            pending.add(new ChannelSlice(channels.get(entry.layer()),
                entry.content().dataOffset, entry.header().size));
            pending.add(new ByteArrayInputStream(TarWriter.padding(entry.header().size)));
          }
        } else if (!ended) {
          ended = true;
          pending.add(new ByteArrayInputStream(new byte[2 * BLOCK]));
        } else {
          throw new NoSuchElementException();
        }
      }
      InputStream next = pending.remove(0);
      return () -> next;
    }
  }

  /** {@code length} bytes of a file from {@code offset}, by positional reads. */
  private static final class ChannelSlice extends ChunkInputStream {
    private final FileChannel channel;
    private long position;
    private long left;

    ChannelSlice(FileChannel channel, long offset, long length) {
      this.channel = channel;
      this.position = offset;
      this.left = length;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      if (left == 0) {
        return -1;
      }
      int n = channel.read(ByteBuffer.wrap(b, off, (int) Math.min(len, left)), position);
      if (n < 0) {
        throw new IOException("spooled layer ends " + left + " bytes early");
      }
      position += n;
      left -= n;
      return n;
    }
  }
}
