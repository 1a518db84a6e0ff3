package io.jenkins.plugins.esperanto.engine.squash;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.esperanto.engine.api.SquashMode;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Whiteouts whose paths are not clean ({@code etc//.wh.a}, {@code etc/./.wh.b},
 * {@code x/../etc/.wh.c}), in an image loaded into the real daemon: the daemon cleans them
 * (moby pkg/archive/diff.go, UnpackLayer: {@code filepath.Clean(hdr.Name)}) and deletes the
 * files, so the squashed image must not bring them back.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SquashWhiteoutPathTest {
  private TestImages images;
  @TempDir Path temp;

  @BeforeAll
  void connect() throws Exception {
    images = new TestImages();
  }

  @AfterAll
  void cleanUp() {
    images.close();
  }

  @Test
  void call_uncleanWhiteoutPaths_deleteAsInTheDaemon() throws Exception {
    byte[] files = new RawTar().entry("etc/", '5').file("etc/a", "secret a\n")
        .file("etc/b", "secret b\n").file("etc/c", "secret c\n").file("etc/keep", "keep\n")
        .entry("x/", '5').bytes();
    byte[] deletions = new RawTar().file("etc//.wh.a", "").file("etc/./.wh.b", "")
        .file("x/../etc/.wh.c", "").bytes();
    String id = CraftedImage.load(images, "unclean", List.of(files, deletions));
    assertThat(contentOf(id)).as("the daemon's view").contains("etc/keep")
        .doesNotContain("etc/a", "etc/b", "etc/c");

    SquashResult result = new SquashImageStep(images.docker, id, SquashMode.ALL, Optional.empty(),
        line -> { }, temp).call();
    images.track(result.imageId());

    assertThat(contentOf(result.imageId())).contains("etc/keep", "x")
        .doesNotContain("etc/a", "etc/b", "etc/c");
  }

  /** The paths a container of {@code image} sees, from {@code docker export}. */
  private List<String> contentOf(String image) throws Exception {
    String container = images.createContainer(image);
    try (var export = images.docker.exportContainerCmd(container).exec()) {
      return ExportListing.of(export).stream().map(l -> l.substring(0, l.indexOf(' '))).toList();
    }
  }
}
