package io.jenkins.plugins.esperanto.engine.squash;

import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * Merges spooled layer tars (oldest first) into one layer tar with overlay semantics, in two
 * passes: headers only, to find what is visible ({@link OverlayTree}), then the visible
 * entries' data, read at their offsets ({@link MergedLayerStream}). The output is sorted and
 * written by {@link TarWriter}'s rules, so it is a function of the input only.
 */
final class MergeLayersStep implements Callable<MergedLayer> {
  private final List<Path> layers;
  private final List<String> names;
  private final boolean hideBelow;
  private final Path output;

  /**
   * @param layers the layer tars to merge, oldest first
   * @param hideBelow true when the merged layer goes on top of base layers (mode own): keep
   *     the whiteouts and opaque markers that hide base content; false for a whole image
   * @param output where {@link #call()} writes the merged tar
   */
  MergeLayersStep(List<Path> layers, boolean hideBelow, Path output) {
    this(layers, layers.stream().map(p -> p.getFileName().toString()).toList(), hideBelow,
        output);
  }

  /** The same, with the names (diff_ids) by which errors call the layers. */
  MergeLayersStep(List<Path> layers, List<String> names, boolean hideBelow, Path output) {
    if (names.size() != layers.size()) {
      throw new IllegalArgumentException(names.size() + " names for " + layers.size() + " layers");
    }
    this.layers = List.copyOf(layers);
    this.names = List.copyOf(names);
    this.hideBelow = hideBelow;
    this.output = output;
  }

  /** Writes the merged layer to the output file. */
  @Override
  public MergedLayer call() throws IOException, InterruptedException {
    List<OverlayTree.Output> entries = index();
    try (MergedLayerStream in = MergedLayerStream.open(entries, layers);
        OutputStream out = Files.newOutputStream(output, StandardOpenOption.CREATE_NEW)) {
      byte[] buffer = new byte[256 * 1024];
      for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
        out.write(buffer, 0, n);
        checkInterrupted();
      }
      return MergedLayer.of(output, in.diffId(), in.size(), entries.size());
    }
  }

  /** The merged layer as a stream, for {@code docker load}; nothing is written to disk. */
  MergedLayerStream stream() throws IOException, InterruptedException {
    return MergedLayerStream.open(index(), layers);
  }

  private List<OverlayTree.Output> index() throws IOException, InterruptedException {
    OverlayTree tree = new OverlayTree();
    for (int i = 0; i < layers.size(); i++) {
      Path layer = layers.get(i);
      tree.beginLayer();
      // Unbuffered on purpose: headers are read 512 bytes at a time and data is skipped with a
      // seek; a read-ahead buffer would read the whole layer.
      try (InputStream in = new FileInputStream(layer.toFile())) {
        TarReader reader = new TarReader(in);
        for (Optional<TarHeader> h = reader.next(); h.isPresent(); h = reader.next()) {
          tree.add(h.get());
        }
      } catch (IOException e) {
        throw new IOException("layer " + names.get(i) + " is malformed: " + e.getMessage(), e);
      }
      checkInterrupted();
    }
    return tree.result(hideBelow);
  }

  static void checkInterrupted() throws InterruptedException {
    if (Thread.interrupted()) {
      throw new InterruptedException("squash interrupted");
    }
  }
}
