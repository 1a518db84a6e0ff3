package io.jenkins.plugins.esperanto.engine.rebuild;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.api.DockerClient;
import io.jenkins.plugins.esperanto.engine.api.ImageName;
import io.jenkins.plugins.esperanto.engine.build.BuildOptions;
import io.jenkins.plugins.esperanto.engine.build.ImageBuilder;
import io.jenkins.plugins.esperanto.engine.catalog.Catalog;
import io.jenkins.plugins.esperanto.engine.testing.TestCatalog;
import io.jenkins.plugins.esperanto.engine.testing.TestDocker;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Tests for {@link PlanRebuildStep} and {@link RunRebuildStep} on the real Docker Engine. */
class RebuildTest {
  @TempDir Path dir;
  @TempDir Path temp;

  private DockerClient docker;
  private String id;
  private String repository;
  private final List<String> log = Collections.synchronizedList(new ArrayList<>());

  @BeforeEach
  void setUp() {
    docker = TestDocker.connect();
    id = TestDocker.uniqueId();
    repository = "esperanto-test-" + id;
  }

  @AfterEach
  void tearDown() throws Exception {
    TestDocker.removeImagesWithRepositoryPrefix(docker, repository + "/");
    for (String name : List.of("root", "mid", "leaf", "other", "bad", "badchild", "ok", "stamp", "squashed")) {
      TestDocker.removeImagesWithRepositoryPrefix(docker, "esperanto/" + name(name) + ":");
    }
    docker.close();
  }

  private String name(String role) {
    return role + "-" + id;
  }

  private TestCatalog chain(String rootLine) {
    return new TestCatalog(dir)
        .image(name("root"), "FROM " + TestDocker.FIXTURE_IMAGE + "\nRUN echo '" + rootLine + "' > /root.txt\n", null)
        .image(name("mid"), "FROM esperanto/" + name("root") + "\nRUN echo mid > /mid.txt\n", null)
        .image(name("leaf"), "FROM esperanto/" + name("mid") + "\nRUN echo leaf > /leaf.txt\n", null)
        .image(name("other"), "FROM " + TestDocker.FIXTURE_IMAGE + "\nRUN echo other > /other.txt\n", null);
  }

  private EngineImageOperations operations() throws Exception {
    Catalog catalog = Catalog.load(dir);
    ImageBuilder builder = new ImageBuilder(docker, catalog, repository, temp, log::add);
    // the fixture base exists only on this engine: nothing to pull
    return EngineImageOperations.of(docker, catalog, builder, BuildOptions.defaults(), Optional.empty())
        .withoutPullOnRefresh();
  }

  private RebuildReport rebuild(boolean refresh, int parallel) throws Exception {
    EngineImageOperations operations = operations();
    RebuildPlan plan = new PlanRebuildStep(operations, Catalog.load(dir).names(), refresh).call();
    return new RunRebuildStep(plan, operations, parallel, refresh, log::add).call();
  }

  private static Map<String, RebuildAction> actions(RebuildReport report) {
    return report.entries().stream().collect(Collectors.toMap(RebuildEntry::name, RebuildEntry::action));
  }

  @Test
  void call_changedBase_rebuildsItAndItsDependentsOnly() throws Exception {
    chain("one");
    RebuildReport first = rebuild(false, 2);
    assertThat(actions(first).values()).containsOnly(RebuildAction.BUILT);
    assertThat(first.hasProblems()).isFalse();

    RebuildPlan unchanged = new PlanRebuildStep(operations(), Catalog.load(dir).names(), false).call();
    assertThat(unchanged.toRebuild()).isEmpty();
    assertThat(actions(rebuild(false, 2)).values()).containsOnly(RebuildAction.UP_TO_DATE);

    chain("two");
    RebuildPlan plan = new PlanRebuildStep(operations(), Catalog.load(dir).names(), false).call();
    assertThat(plan.toRebuild()).extracting(PlannedImage::name)
        .containsExactly(ImageName.of(name("root")), ImageName.of(name("mid")), ImageName.of(name("leaf")));
    assertThat(plan.image(ImageName.of(name("root"))).get().reason()).isEqualTo(PlannedImage.Reason.NEW_KEY);
    assertThat(plan.image(ImageName.of(name("leaf"))).get().reason()).isEqualTo(PlannedImage.Reason.PARENT_REBUILT);

    RebuildReport second = rebuild(false, 2);
    assertThat(actions(second)).containsEntry(name("root"), RebuildAction.BUILT)
        .containsEntry(name("mid"), RebuildAction.BUILT)
        .containsEntry(name("leaf"), RebuildAction.BUILT)
        .containsEntry(name("other"), RebuildAction.UP_TO_DATE);
    RebuildEntry leaf = second.entries().stream().filter(e -> e.name().equals(name("leaf"))).findFirst().get();
    assertThat(TestDocker.imageExists(docker, leaf.reference().get())).isTrue();
    assertThat(leaf.size().getAsLong()).isPositive();
  }

  @Test
  void call_failingImage_siblingsSucceedAndDependentsAreSkipped() throws Exception {
    new TestCatalog(dir)
        .image(name("bad"), "FROM " + TestDocker.FIXTURE_IMAGE + "\nRUN echo failing-on-purpose && exit 3\n", null)
        .image(name("badchild"), "FROM esperanto/" + name("bad") + "\nRUN true\n", null)
        .image(name("ok"), "FROM " + TestDocker.FIXTURE_IMAGE + "\nRUN echo ok > /ok.txt\n", null);
    RebuildReport report = rebuild(false, 3);

    assertThat(actions(report)).containsEntry(name("bad"), RebuildAction.FAILED)
        .containsEntry(name("badchild"), RebuildAction.SKIPPED)
        .containsEntry(name("ok"), RebuildAction.BUILT);
    assertThat(report.hasProblems()).isTrue();
    RebuildEntry bad = report.entries().stream().filter(e -> e.name().equals(name("bad"))).findFirst().get();
    assertThat(bad.message().get()).contains(name("bad")).contains("3");
    RebuildEntry skipped = report.entries().stream().filter(e -> e.name().equals(name("badchild"))).findFirst().get();
    assertThat(skipped.message().get()).isEqualTo("builds FROM " + name("bad") + ", which failed");
    assertThat(docker.listImagesCmd().exec().stream().filter(i -> i.getRepoTags() != null)
        .flatMap(i -> List.of(i.getRepoTags()).stream()).filter(t -> t.contains(name("bad")))).isEmpty();
  }

  @Test
  void call_squashedImage_reportsTheSizeBeforeAndAfterSquashing() throws Exception {
    new TestCatalog(dir).image(name("squashed"), "FROM " + TestDocker.FIXTURE_IMAGE
        + "\nRUN head -c 3000000 /dev/urandom > /big\nRUN rm /big && echo small > /small\n", "build:\n  squash: own\n");
    RebuildReport report = rebuild(false, 1);

    RebuildEntry entry = report.entries().get(0);
    assertThat(entry.action()).as("%s", report.entries()).isEqualTo(RebuildAction.BUILT);
    assertThat(entry.sizeBeforeSquash().getAsLong() - entry.size().getAsLong()).isGreaterThan(2_900_000);
    assertThat(docker.inspectImageCmd(entry.reference().get()).exec().getSize()).isEqualTo(entry.size().getAsLong());
  }

  @Test
  void call_refresh_keepsImagesWhoseFilesystemDidNotChange() throws Exception {
    chain("one");
    new TestCatalog(dir).image(name("stamp"), "FROM " + TestDocker.FIXTURE_IMAGE
        + "\nRUN cat /proc/sys/kernel/random/uuid > /stamp.txt\n", null);
    RebuildReport first = rebuild(false, 2);
    Map<String, String> idsBefore = first.entries().stream()
        .collect(Collectors.toMap(RebuildEntry::name, e -> docker.inspectImageCmd(e.reference().get()).exec().getId()));

    RebuildReport refreshed = rebuild(true, 2);

    assertThat(actions(refreshed)).as("%s", refreshed.entries()).containsEntry(name("root"), RebuildAction.UP_TO_DATE)
        .containsEntry(name("leaf"), RebuildAction.UP_TO_DATE)
        .containsEntry(name("other"), RebuildAction.UP_TO_DATE)
        .containsEntry(name("stamp"), RebuildAction.BUILT);
    for (RebuildEntry entry : refreshed.entries()) {
      String idNow = docker.inspectImageCmd(entry.reference().get()).exec().getId();
      if (entry.name().equals(name("stamp"))) {
        assertThat(idNow).isNotEqualTo(idsBefore.get(entry.name()));
      } else {
        assertThat(idNow).isEqualTo(idsBefore.get(entry.name()));
        assertThat(entry.message()).contains("refreshed: filesystem unchanged, not pushed");
      }
    }
  }
}
