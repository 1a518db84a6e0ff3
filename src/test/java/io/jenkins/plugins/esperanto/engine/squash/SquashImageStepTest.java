package io.jenkins.plugins.esperanto.engine.squash;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.esperanto.engine.api.SquashMode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** Tests for {@link SquashImageStep} on a torture image, against the real Docker Engine. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SquashImageStepTest {
  private TestImages images;
  private String fixtureId;
  private String tortureId;
  private String tortureTag;
  private List<String> tortureListing;
  @TempDir Path temp;

  @BeforeAll
  void buildTortureImage() throws Exception {
    images = new TestImages();
    fixtureId = images.docker.inspectImageCmd(TestImages.FIXTURE).exec().getId();
    tortureId = images.build("torture", TortureImage.context(fixtureId));
    tortureTag = images.prefix + "/torture:latest";
    tortureListing = exportListing(tortureId);
  }

  @AfterAll
  void cleanUp() {
    images.close();
  }

  @Test
  void tortureImage_coversEveryCase() {
    assertThat(line("cap")).contains("xattrs=SCHILY.xattr.security.capability=");
    assertThat(line("biguid")).contains("owner=3000000:4000000");
    assertThat(line("hl/link1")).contains("inode=[hl/link1, hl/link2]");
    assertThat(line("hl/l2")).doesNotContain("inode=").contains("data=3:");
    assertThat(line("hl/t2")).contains("data=8:");
    assertThat(line("perm/file")).contains("mode=100600 owner=1234:5678");
    assertThat(line("perm")).contains("dir mode=40700");
    assertThat(line("fifo2")).startsWith("fifo2 fifo");
    assertThat(line("chardev")).contains("char").contains("dev=1,3");
    assertThat(line("a.wh.b")).contains("file");
    assertThat(line("f2d")).contains(" dir ");
    assertThat(line("d2f")).contains(" file ");
    assertThat(line("d2l")).contains("symlink").contains("link=/etc");
    assertThat(line("longlink")).contains("link=/long/" + "d".repeat(120) + "/" + "n".repeat(200));
    assertThat(line("bin/ls")).contains("owner=7:7");
    assertThat(line("tmp/x")).contains("file");
    assertThat(paths()).contains("opq/three", "opq/new/four", "emp/e3", "del/gone", "del/keep")
        .doesNotContain("opq/one", "opq/sub", "emp/e1", "emp/sub", "bin/vi", "xt", "fifo",
            "hl/target", "d2f/sub", "f2d/x");
  }

  private String line(String path) {
    return tortureListing.stream().filter(l -> l.startsWith(path + " ")).findFirst()
        .orElseThrow(() -> new AssertionError("no " + path + " in the export"));
  }

  private List<String> paths() {
    return tortureListing.stream().map(l -> l.substring(0, l.indexOf(' '))).toList();
  }

  @Test
  void call_ownWithBaseFromLabel_keepsBaseLayersFilesAndConfig() throws Exception {
    SquashResult result = squash(SquashMode.OWN, Optional.empty());

    List<String> base = layers(fixtureId);
    List<String> squashed = layers(result.imageId());
    assertThat(squashed).hasSize(base.size() + 1);
    assertThat(squashed.subList(0, base.size())).isEqualTo(base);
    assertThat(result.layersBefore()).isEqualTo(layers(tortureId).size()).isEqualTo(base.size() + 7);
    assertThat(result.layersAfter()).isEqualTo(base.size() + 1);
    assertSameFilesAndConfig(result);
    // The base's history entries stay as they are; the own ones collapse into one.
    JsonNode baseHistory = SavedFiles.of(images.docker, fixtureId).config().path("history");
    JsonNode history = SavedFiles.of(images.docker, result.imageId()).config().path("history");
    assertThat(history).hasSize(baseHistory.size() + 1);
    for (int i = 0; i < baseHistory.size(); i++) {
      assertThat(history.get(i)).isEqualTo(baseHistory.get(i));
    }
    assertThat(history.get(baseHistory.size()).path("created_by").asText())
        .isEqualTo("esperanto squash --mode own: 7 layers merged into one");
  }

  @Test
  void call_all_makesOneLayerWithSameFilesAndConfig() throws Exception {
    SquashResult result = squash(SquashMode.ALL, Optional.empty());

    assertThat(layers(result.imageId())).hasSize(1);
    assertThat(result.layersAfter()).isEqualTo(1);
    assertSameFilesAndConfig(result);
  }

  @Test
  void call_ownWithExplicitBase_isDeterministic() throws Exception {
    SquashResult first = squash(SquashMode.OWN, Optional.of(TestImages.FIXTURE));
    List<String> firstLayers = layers(first.imageId());
    images.docker.removeImageCmd(first.imageId()).exec();

    SquashResult second = squash(SquashMode.OWN, Optional.of(fixtureId));

    assertThat(second.imageId()).isEqualTo(first.imageId());
    assertThat(layers(second.imageId())).isEqualTo(firstLayers);
  }

  @Test
  void call_none_returnsSourceUnchanged() throws Exception {
    SquashResult result = squash(SquashMode.NONE, Optional.empty());

    assertThat(result.imageId()).isEqualTo(tortureId);
    assertThat(result.changed()).isFalse();
    assertThat(result.layersAfter()).isEqualTo(result.layersBefore());
  }

  @Test
  void call_baseNotAPrefix_failsNamingBoth() {
    SquashException e = assertThrows(SquashException.class, () -> new SquashImageStep(
        images.docker, TestImages.FIXTURE, SquashMode.OWN, Optional.of(tortureTag), line -> { },
        temp).call());

    assertThat(e.getMessage()).contains(TestImages.FIXTURE).contains(tortureTag)
        .contains("are not the first layers of").doesNotContain("\n");
  }

  @Test
  void call_ownWithoutBaseOrLabel_asksForBase() {
    SquashException e = assertThrows(SquashException.class, () -> new SquashImageStep(
        images.docker, TestImages.FIXTURE, SquashMode.OWN, Optional.empty(), line -> { },
        temp).call());

    assertThat(e.getMessage()).contains("io.esperanto.base-image").contains("--base");
  }

  private SquashResult squash(SquashMode mode, Optional<String> base) throws Exception {
    List<String> progress = new ArrayList<>();
    SquashResult result =
        new SquashImageStep(images.docker, tortureTag, mode, base, progress::add, temp).call();
    images.track(result.imageId());
    assertThat(result.sourceImageId()).isEqualTo(tortureId);
    // The step moves no tag: the source keeps its tag, the result has none.
    assertThat(images.docker.inspectImageCmd(tortureTag).exec().getId()).isEqualTo(tortureId);
    if (result.changed()) {
      assertThat(images.docker.inspectImageCmd(result.imageId()).exec().getRepoTags()).isEmpty();
      assertThat(progress).anyMatch(line -> line.startsWith("Merging"));
    }
    try (Stream<Path> left = Files.list(temp)) {
      assertThat(left).isEmpty();
    }
    return result;
  }

  private void assertSameFilesAndConfig(SquashResult result) throws Exception {
    List<String> listing = exportListing(result.imageId());
    List<String> onlyInSquashed = new ArrayList<>(listing);
    onlyInSquashed.removeAll(tortureListing);
    List<String> onlyInOriginal = new ArrayList<>(tortureListing);
    onlyInOriginal.removeAll(listing);
    assertThat(onlyInSquashed).as("lines only in the squashed export; only in the original: "
        + onlyInOriginal).isEmpty();
    assertThat(listing).containsExactlyElementsOf(tortureListing);

    SavedFiles original = SavedFiles.of(images.docker, tortureId);
    SavedFiles squashed = SavedFiles.of(images.docker, result.imageId());
    JsonNode config = squashed.config();
    assertThat(config.path("config").path("Labels").path(SquashedConfig.SQUASHED_FROM).asText())
        .isEqualTo(tortureId);
    int nonEmpty = 0;
    for (JsonNode entry : config.path("history")) {
      nonEmpty += entry.path("empty_layer").asBoolean() ? 0 : 1;
    }
    assertThat(nonEmpty).isEqualTo(config.path("rootfs").path("diff_ids").size());
    assertThat(withoutSquashFields(config)).isEqualTo(withoutSquashFields(original.config()));
    assertThat(squashed.fileInLastLayer("etc/hosts")).isEqualTo(TortureImage.HOSTS);
    assertThat(capabilityOf(result.imageId())).contains("cap_setuid,cap_net_bind_service=ep");
  }

  /**
   * The capability of /cap as the host's getcap reads it after GNU tar extracted the export:
   * binary xattr bytes that were altered would not decode to the same capability set.
   */
  private String capabilityOf(String image) throws Exception {
    Path dir = Files.createTempDirectory("squash-cap-");
    try {
      Process tar = new ProcessBuilder("tar", "-x", "--xattrs", "--xattrs-include=*", "-C",
          dir.toString(), "cap").redirectErrorStream(true).start();
      String container = images.createContainer(image);
      try (InputStream export = images.docker.exportContainerCmd(container).exec();
          var stdin = tar.getOutputStream()) {
        export.transferTo(stdin);
      }
      assertThat(tar.waitFor()).as(new String(tar.getInputStream().readAllBytes())).isZero();
      Process getcap = new ProcessBuilder("getcap", dir.resolve("cap").toString())
          .redirectErrorStream(true).start();
      String out = new String(getcap.getInputStream().readAllBytes());
      assertThat(getcap.waitFor()).as(out).isZero();
      return out;
    } finally {
      Files.deleteIfExists(dir.resolve("cap"));
      Files.delete(dir);
    }
  }

  private static JsonNode withoutSquashFields(JsonNode config) {
    ObjectNode copy = config.deepCopy();
    copy.remove("rootfs");
    copy.remove("history");
    ((ObjectNode) copy.path("config").path("Labels")).remove(SquashedConfig.SQUASHED_FROM);
    return copy;
  }

  private List<String> layers(String image) {
    return images.docker.inspectImageCmd(image).exec().getRootFS().getLayers();
  }

  private List<String> exportListing(String image) throws IOException {
    String container = images.createContainer(image);
    try (InputStream export = images.docker.exportContainerCmd(container).exec()) {
      return ExportListing.of(export);
    }
  }
}
