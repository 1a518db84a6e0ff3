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
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Tests for {@link MergeLayersStep}: on generated layer stacks, applying the merged layer gives
 * the same tree as applying the stack, in {@link OverlayModel}'s naive semantics.
 */
class MergeLayersPropertyTest {

  @Property(tries = 400)
  void mergeOwn_onTopOfBase_equalsStack(@ForAll("stack") List<List<Op>> base,
      @ForAll("stack") List<List<Op>> own) throws Exception {
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

  @Property(tries = 300)
  void mergeAll_equalsStack_withoutWhiteouts(@ForAll("stack") List<List<Op>> layers)
      throws Exception {
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

  @Provide
  Arbitrary<List<List<Op>>> stack() {
    Arbitrary<Op> op = Combinators.combine(
            Arbitraries.integers().between(0, LayerGenerator.PATHS.size() - 1),
            Arbitraries.integers().between(0, LayerGenerator.KINDS - 1),
            Arbitraries.integers().between(0, 1000))
        .as(Op::new);
    return op.list().ofMinSize(1).ofMaxSize(14).list().ofMinSize(1).ofMaxSize(5);
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
