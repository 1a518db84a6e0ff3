package io.jenkins.plugins.esperanto.engine.squash;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * Merges spooled layer tars (oldest first) into one layer tar with overlay semantics, in two
 * passes: headers only, to find what is visible, then the visible entries' data, read at their
 * offsets. Output is sorted and written by {@link TarWriter}, so it is a function of the input
 * only; its sha256 is the new diff_id.
 */
final class MergeLayersStep implements Callable<MergedLayer> {
  private final List<Path> layers;
  private final boolean hideBelow;
  private final Path output;

  /**
   * @param layers the layer tars to merge, oldest first
   * @param hideBelow true when the merged layer goes on top of base layers (mode own): keep
   *     the whiteouts and opaque markers that hide base content; false for a whole image
   * @param output where to write the merged tar
   */
  MergeLayersStep(List<Path> layers, boolean hideBelow, Path output) {
    this.layers = List.copyOf(layers);
    this.hideBelow = hideBelow;
    this.output = output;
  }

  @Override
  public MergedLayer call() throws IOException, InterruptedException {
    OverlayTree tree = new OverlayTree();
    for (Path layer : layers) {
      tree.beginLayer();
      try (InputStream in = new BufferedInputStream(Files.newInputStream(layer), 64 * 1024)) {
        TarReader reader = new TarReader(in);
        for (Optional<TarHeader> h = reader.next(); h.isPresent(); h = reader.next()) {
          tree.add(h.get());
        }
      } catch (IOException e) {
        throw new IOException("layer " + layer.getFileName() + ": " + e.getMessage(), e);
      }
      checkInterrupted();
    }
    return write(tree.result(hideBelow));
  }

  private MergedLayer write(List<OverlayTree.Output> entries)
      throws IOException, InterruptedException {
    MessageDigest sha256 = Digests.sha256();
    List<FileChannel> channels = new ArrayList<>();
    try (OutputStream file = Files.newOutputStream(output, StandardOpenOption.CREATE_NEW);
        DigestOutputStream out =
            new DigestOutputStream(new BufferedOutputStream(file, 256 * 1024), sha256)) {
      for (Path layer : layers) {
        channels.add(FileChannel.open(layer, StandardOpenOption.READ));
      }
      TarWriter writer = new TarWriter(out);
      int count = 0;
      for (OverlayTree.Output entry : entries) {
        if (entry.content() == null || entry.header().size == 0) {
          writer.write(entry.header());
        } else {
          FileChannel channel = channels.get(entry.layer());
          channel.position(entry.content().dataOffset);
          writer.write(entry.header(), Channels.newInputStream(channel));
        }
        if (++count % 256 == 0) {
          checkInterrupted();
        }
      }
      writer.finish();
    } finally {
      for (FileChannel channel : channels) {
        channel.close();
      }
    }
    return MergedLayer.of(output, "sha256:" + HexFormat.of().formatHex(sha256.digest()),
        Files.size(output), entries.size());
  }

  static void checkInterrupted() throws InterruptedException {
    if (Thread.interrupted()) {
      throw new InterruptedException("squash interrupted");
    }
  }
}
