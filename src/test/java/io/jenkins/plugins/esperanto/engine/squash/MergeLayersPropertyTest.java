package io.jenkins.plugins.esperanto.engine.squash;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.esperanto.engine.squash.LayerGenerator.Op;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import java.util.Random;
import java.util.stream.LongStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Tests for {@link MergeLayersStep}: on generated layer stacks, applying the merged layer gives
 * the same tree as applying the stack, in {@link OverlayModel}'s naive semantics. Each case is
 * generated from its seed, so a failure names the seed that reproduces it.
 */
class MergeLayersPropertyTest {

  static LongStream ownSeeds() {
    return LongStream.range(0, 400);
  }

  static LongStream allSeeds() {
    return LongStream.range(1000, 1300);
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("ownSeeds")
  void mergeOwn_onTopOfBase_equalsStack(long seed) throws Exception {
    Random random = new Random(seed);
    List<List<Op>> base = stack(random);
    List<List<Op>> own = stack(random);
    Path dir = Files.createTempDirectory("merge-prop-");
    try {
      List<Path> baseLayers = write(dir, "base", base);
      List<Path> ownLayers = write(dir, "own", own);
      OverlayModel expected = new OverlayModel();
      for (Path layer : concat(baseLayers, ownLayers)) {
        expected.apply(layer);
      }
      MergedLayer merged = new MergeLayersStep(ownLayers, true, dir.resolve("merged")).call();
      OverlayModel actual = new OverlayModel();
      for (Path layer : concat(baseLayers, List.of(merged.file()))) {
        actual.apply(layer);
      }
      assertThat(actual.listing()).isEqualTo(expected.listing());

      MergedLayer again = new MergeLayersStep(ownLayers, true, dir.resolve("again")).call();
      assertThat(again.diffId()).isEqualTo(merged.diffId());
    } finally {
      delete(dir);
    }
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("allSeeds")
  void mergeAll_equalsStack_withoutWhiteouts(long seed) throws Exception {
    List<List<Op>> layers = stack(new Random(seed));
    Path dir = Files.createTempDirectory("merge-prop-");
    try {
      List<Path> files = write(dir, "layer", layers);
      OverlayModel expected = new OverlayModel();
      for (Path layer : files) {
        expected.apply(layer);
      }
      MergedLayer merged = new MergeLayersStep(files, false, dir.resolve("merged")).call();
      OverlayModel actual = new OverlayModel();
      actual.apply(merged.file());
      assertThat(actual.listing()).isEqualTo(expected.listing());
      assertThat(OverlayModel.hasWhiteouts(merged.file())).isFalse();
    } finally {
      delete(dir);
    }
  }

  /** One to five layers of one to fourteen operations on a small set of clashing paths. */
  private static List<List<Op>> stack(Random random) {
    List<List<Op>> layers = new ArrayList<>();
    int layerCount = 1 + random.nextInt(5);
    for (int l = 0; l < layerCount; l++) {
      List<Op> ops = new ArrayList<>();
      int opCount = 1 + random.nextInt(14);
      for (int o = 0; o < opCount; o++) {
        ops.add(new Op(random.nextInt(LayerGenerator.PATHS.size()), random.nextInt(LayerGenerator.KINDS),
            random.nextInt(1001)));
      }
      layers.add(ops);
    }
    return layers;
  }

  private static List<Path> write(Path dir, String prefix, List<List<Op>> layers)
      throws IOException {
    List<Path> files = new ArrayList<>();
    for (int i = 0; i < layers.size(); i++) {
      Path file = dir.resolve(prefix + i + ".tar");
      LayerGenerator.write(layers.get(i), file);
      files.add(file);
    }
    return files;
  }

  private static List<Path> concat(List<Path> a, List<Path> b) {
    List<Path> all = new ArrayList<>(a);
    all.addAll(b);
    return all;
  }

  private static void delete(Path dir) throws IOException {
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
