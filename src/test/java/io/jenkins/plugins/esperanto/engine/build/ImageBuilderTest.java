package io.jenkins.plugins.esperanto.engine.build;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectImageResponse;
import com.github.dockerjava.api.model.Container;
import io.jenkins.plugins.esperanto.engine.api.BuildFailedException;
import io.jenkins.plugins.esperanto.engine.api.ImageAction;
import io.jenkins.plugins.esperanto.engine.api.ImageLabels;
import io.jenkins.plugins.esperanto.engine.api.ImageName;
import io.jenkins.plugins.esperanto.engine.api.ImageResult;
import io.jenkins.plugins.esperanto.engine.api.InvalidCatalogException;
import io.jenkins.plugins.esperanto.engine.catalog.Catalog;
import io.jenkins.plugins.esperanto.engine.key.ContentKey;
import io.jenkins.plugins.esperanto.engine.testing.TestCatalog;
import io.jenkins.plugins.esperanto.engine.testing.TestDocker;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Tests for {@link ImageBuilder}, against the real Docker Engine. */
class ImageBuilderTest {
  @TempDir Path dir;
  @TempDir Path temp;

  private DockerClient docker;
  private String id;
  private String repository;
  private String base;
  private String child;
  private final List<String> log = new ArrayList<>();

  @BeforeEach
  void setUp() {
    docker = TestDocker.connect();
    id = TestDocker.uniqueId();
    repository = "esperanto-test-" + id;
    base = "base-" + id;
    child = "child-" + id;
  }

  @AfterEach
  void tearDown() throws Exception {
    TestDocker.removeImagesWithRepositoryPrefix(docker, repository + "/");
    TestDocker.removeImagesWithRepositoryPrefix(docker, "esperanto/" + base + ":");
    TestDocker.removeImagesWithRepositoryPrefix(docker, "esperanto/" + child + ":");
    docker.close();
  }

  private TestCatalog twoImages(String baseLine) {
    return new TestCatalog(dir)
        .image(base, "FROM " + TestDocker.FIXTURE_IMAGE + "\nRUN echo '" + baseLine + "' > /base.txt\n", null)
        .image(child, "FROM esperanto/" + base + "\nARG GREETING\nRUN echo \"$GREETING\" > /child.txt\n",
            "build:\n  args: {GREETING: hello}\n  labels: {team: tools}\n");
  }

  private ImageBuilder builder() throws Exception {
    return new ImageBuilder(docker, Catalog.load(dir), repository, temp, log::add);
  }

  @Test
  void ensure_buildsParentsFirst_thenIsUpToDate() throws Exception {
    twoImages("one");
    List<ImageResult> first = builder().ensure(List.of(ImageName.of(child)), BuildOptions.defaults());
    assertThat(first).extracting(ImageResult::name).containsExactly(base, child);
    assertThat(first).extracting(ImageResult::action).containsOnly(ImageAction.BUILT);

    ImageResult built = first.get(1);
    assertThat(built.reference()).isEqualTo(repository + "/" + child + ":" + built.key().substring(0, 32));
    InspectImageResponse image = docker.inspectImageCmd(built.reference()).exec();
    assertThat(image.getId()).isEqualTo(built.imageId());
    Map<String, String> labels = image.getConfig().getLabels();
    assertThat(labels).containsEntry(ImageLabels.KEY, built.key())
        .containsEntry(ImageLabels.NAME, child)
        .containsEntry(ImageLabels.BASE_IMAGE, first.get(0).imageId())
        .containsEntry("team", "tools");
    // the child really is built on the parent the key names
    assertThat(image.getRootFS().getLayers())
        .startsWith(docker.inspectImageCmd(first.get(0).reference()).exec().getRootFS().getLayers().toArray(new String[0]));
    assertThat(TestDocker.imageExists(docker, "esperanto/" + child + ":" + built.key().substring(0, 32))).isTrue();

    log.clear();
    List<ImageResult> second = builder().ensure(List.of(ImageName.of(child)), BuildOptions.defaults());
    assertThat(second).extracting(ImageResult::action).containsOnly(ImageAction.UP_TO_DATE);
    assertThat(second).extracting(ImageResult::imageId).containsExactly(first.get(0).imageId(), built.imageId());
    assertThat(log).anyMatch(line -> line.contains(child + ": up to date"));
    assertThat(log).noneMatch(line -> line.startsWith("Step "));
  }

  @Test
  void ensure_squashOwn_mergesTheImagesOwnLayersAndKeepsTheBase() throws Exception {
    new TestCatalog(dir).image(base, "FROM " + TestDocker.FIXTURE_IMAGE
        + "\nRUN echo one > /one\nRUN echo two > /two && rm /one\nRUN mkdir /three\n", "build:\n  squash: own\n");
    ImageResult built = builder().ensure(List.of(ImageName.of(base)), BuildOptions.defaults()).get(0);

    InspectImageResponse image = docker.inspectImageCmd(built.reference()).exec();
    List<String> fixtureLayers = docker.inspectImageCmd(TestDocker.FIXTURE_IMAGE).exec().getRootFS().getLayers();
    assertThat(image.getRootFS().getLayers()).hasSize(fixtureLayers.size() + 1).startsWith(fixtureLayers.toArray(new String[0]));
    assertThat(image.getConfig().getLabels()).containsKey(ImageLabels.SQUASHED_FROM).containsEntry(ImageLabels.KEY, built.key());
    assertThat(TestDocker.imageExists(docker, image.getConfig().getLabels().get(ImageLabels.SQUASHED_FROM)))
        .as("the unsquashed intermediate is removed").isFalse();
    assertThat(log).anyMatch(line -> line.contains(": squashed (own) "));

    // the squash mode is part of the key: the same recipe unsquashed is another image
    ContentKey none = builder().keys(List.of(ImageName.of(base)),
        BuildOptions.of(false, false, java.util.Optional.of(io.jenkins.plugins.esperanto.engine.api.SquashMode.NONE)))
        .get(ImageName.of(base));
    assertThat(none.value()).isNotEqualTo(built.key());
  }

  @Test
  void ensure_parentChange_rebuildsParentAndChildOnly() throws Exception {
    twoImages("one");
    Map<ImageName, ContentKey> before = builder().keys(List.of(ImageName.of(child)), BuildOptions.defaults());
    twoImages("two");
    Map<ImageName, ContentKey> after = builder().keys(List.of(ImageName.of(child)), BuildOptions.defaults());
    assertThat(after.get(ImageName.of(base))).isNotEqualTo(before.get(ImageName.of(base)));
    assertThat(after.get(ImageName.of(child))).isNotEqualTo(before.get(ImageName.of(child)));
  }

  @Test
  void ensure_failingRun_namesTheStep_andTagsNothing() throws Exception {
    new TestCatalog(dir).image(base, "FROM " + TestDocker.FIXTURE_IMAGE + "\nRUN echo ok\nRUN echo " + id + " && exit 3\n", null);
    ImageBuilder builder = builder();
    ContentKey key = builder.keys(List.of(ImageName.of(base)), BuildOptions.defaults()).get(ImageName.of(base));

    assertThatThrownBy(() -> builder.ensure(List.of(ImageName.of(base)), BuildOptions.defaults()))
        .isInstanceOf(BuildFailedException.class)
        .hasMessageMatching("Tried to build image '" + base + "' but step 'Step 3/\\d+ : RUN echo " + id
            + " && exit 3' failed: .*")
        .hasMessageContaining("returned a non-zero code: 3")
        .hasMessageNotContaining("\n");
    assertThat(TestDocker.imageExists(docker, repository + "/" + base + ":" + key.tag())).isFalse();
    // --force-rm: the failed step's intermediate container is gone
    assertThat(containersMentioning(id)).isEmpty();
    assertThat(log).anyMatch(line -> line.matches("Step 2/\\d+ : RUN echo ok"));
  }

  @Test
  void ensure_dockerfileSyntaxError_isOneLine() throws Exception {
    new TestCatalog(dir).image(base, "FROM " + TestDocker.FIXTURE_IMAGE + "\nRUNN echo\n", null);
    assertThatThrownBy(() -> builder().ensure(List.of(ImageName.of(base)), BuildOptions.defaults()))
        .isInstanceOf(BuildFailedException.class)
        .hasMessageContaining("unknown instruction: RUNN")
        .hasMessageNotContaining("\n");
  }

  @Test
  void keys_externalBaseMissing_namesFileAndLine() throws Exception {
    new TestCatalog(dir).image(base, "# comment\nFROM esperanto-test-" + id + "/not-there:1\n", null);
    assertThatThrownBy(() -> builder().keys(List.of(ImageName.of(base)), BuildOptions.defaults()))
        .isInstanceOf(InvalidCatalogException.class)
        .hasMessageStartingWith(dir.resolve(base + "/Docker/Dockerfile") + ":2: FROM esperanto-test-" + id
            + "/not-there:1 is not an image on this Docker Engine");
  }

  @Test
  void keys_areStableAndIndependentOfTheRepository() throws Exception {
    twoImages("one");
    Map<ImageName, ContentKey> a = builder().keys(List.of(ImageName.of(child)), BuildOptions.defaults());
    Map<ImageName, ContentKey> b = new ImageBuilder(docker, Catalog.load(dir), "127.0.0.1:5000/elsewhere", temp, log::add)
        .keys(List.of(ImageName.of(child)), BuildOptions.defaults());
    assertThat(b).isEqualTo(a);
  }

  private List<String> containersMentioning(String text) {
    return docker.listContainersCmd().withShowAll(true).exec().stream()
        .filter(c -> c.getCommand() != null && c.getCommand().contains(text))
        .map(Container::getId).toList();
  }

  /** Build output without newlines reaches the log in bounded pieces, all of it (issue 10). */
  @Test
  void ensure_outputWithoutNewline_isLoggedInBoundedPieces() throws Exception {
    int noNewline = 8 * 1024 * 1024;
    // The id defeats the layer cache, which would skip the output.
    new TestCatalog(dir).image(base, "FROM " + TestDocker.FIXTURE_IMAGE + "\nRUN echo " + id
        + " >/dev/null; head -c " + noNewline + " /dev/zero | tr '\\0' x\n", null);

    builder().ensure(List.of(ImageName.of(base)), BuildOptions.defaults());

    assertThat(log.stream().mapToLong(line -> line.chars().filter(c -> c == 'x').count()).sum())
        .isGreaterThanOrEqualTo(noNewline);
    assertThat(log.stream().mapToInt(String::length).max().orElse(0)).isLessThanOrEqualTo(64 * 1024);
  }

  /**
   * A Dockerfile that is an absolute link to a file inside the context: the Docker CLI resolves
   * the link and sends the target's path, so the build uses the target, pinned FROM or not.
   */
  @Test
  void ensure_dockerfileLinkedInsideTheContext_buildsTheTarget() throws Exception {
    new TestCatalog(dir).image(base, "unused\n", null).image(child, "unused\n", null);
    linkDockerfile(base, "FROM " + TestDocker.FIXTURE_IMAGE + "\nRUN echo plain > /which\n");
    linkDockerfile(child, "FROM esperanto/" + base + "\nRUN echo pinned > /which\n");

    List<ImageResult> results = builder().ensure(List.of(ImageName.of(child)), BuildOptions.defaults());

    assertThat(results).extracting(ImageResult::name).containsExactly(base, child);
    assertThat(results).extracting(ImageResult::action).containsOnly(ImageAction.BUILT);
  }

  private void linkDockerfile(String image, String content) throws Exception {
    Path context = dir.resolve(image).resolve("Docker");
    Path real = Files.createDirectories(context.resolve("recipes")).resolve("Dockerfile");
    Files.writeString(real, content);
    Files.delete(context.resolve("Dockerfile"));
    Files.createSymbolicLink(context.resolve("Dockerfile"), real.toAbsolutePath());
  }
}
