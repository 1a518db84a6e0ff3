package io.jenkins.plugins.esperanto.engine.prune;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.api.DockerClient;
import io.jenkins.plugins.esperanto.engine.api.ImageName;
import io.jenkins.plugins.esperanto.engine.api.ImageResult;
import io.jenkins.plugins.esperanto.engine.build.BuildOptions;
import io.jenkins.plugins.esperanto.engine.build.ImageBuilder;
import io.jenkins.plugins.esperanto.engine.catalog.Catalog;
import io.jenkins.plugins.esperanto.engine.testing.TestCatalog;
import io.jenkins.plugins.esperanto.engine.testing.TestDocker;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Tests for {@link PruneLocalTagsStep} on the real Docker Engine. */
class PruneLocalTagsStepTest {
  @TempDir Path dir;
  @TempDir Path temp;

  private DockerClient docker;
  private String repository;
  private String name;
  private final List<String> containers = new ArrayList<>();

  @BeforeEach
  void setUp() {
    docker = TestDocker.connect();
    String id = TestDocker.uniqueId();
    repository = "esperanto-test-" + id;
    name = "pruned-" + id;
  }

  @AfterEach
  void tearDown() throws Exception {
    for (String container : containers) {
      docker.removeContainerCmd(container).withForce(true).exec();
    }
    TestDocker.removeImagesWithRepositoryPrefix(docker, repository + "/");
    TestDocker.removeImagesWithRepositoryPrefix(docker, "esperanto/" + name + ":");
    docker.close();
  }

  /** Builds one version per line, a second apart: Docker's creation times have one-second resolution. */
  private List<ImageResult> versions(String... lines) throws Exception {
    List<ImageResult> built = new ArrayList<>();
    for (String line : lines) {
      new TestCatalog(dir).image(name, "FROM " + TestDocker.FIXTURE_IMAGE + "\nRUN echo " + line + " > /v.txt\n", null);
      ImageBuilder builder = new ImageBuilder(docker, Catalog.load(dir), repository, temp, l -> { });
      built.add(builder.ensure(List.of(ImageName.of(name)), BuildOptions.defaults()).get(0));
      Thread.sleep(1100);
    }
    return built;
  }

  private List<PrunedTag> prune(int keep, boolean dryRun) throws Exception {
    return new PruneLocalTagsStep(docker, repository, List.of(ImageName.of(name)), keep, dryRun, l -> { }).call();
  }

  @Test
  void call_keepsExactlyTheNewestN() throws Exception {
    List<ImageResult> built = versions("one", "two", "three", "four");

    List<PrunedTag> dry = prune(2, true);
    assertThat(dry).extracting(PrunedTag::decision).containsExactly(PrunedTag.Decision.KEEP,
        PrunedTag.Decision.KEEP, PrunedTag.Decision.REMOVE, PrunedTag.Decision.REMOVE);
    assertThat(built).allMatch(b -> TestDocker.imageExists(docker, b.reference()));

    List<PrunedTag> tags = prune(2, false);

    assertThat(tags).extracting(PrunedTag::reference).containsExactly(built.get(3).reference(),
        built.get(2).reference(), built.get(1).reference(), built.get(0).reference());
    assertThat(TestDocker.imageExists(docker, built.get(3).reference())).isTrue();
    assertThat(TestDocker.imageExists(docker, built.get(2).reference())).isTrue();
    assertThat(TestDocker.imageExists(docker, built.get(1).reference())).isFalse();
    assertThat(TestDocker.imageExists(docker, built.get(0).reference())).isFalse();
    String oldAlias = "esperanto/" + name + ":" + built.get(0).reference().substring(built.get(0).reference().lastIndexOf(':') + 1);
    assertThat(TestDocker.imageExists(docker, oldAlias)).isFalse();
  }

  @Test
  void call_neverRemovesAnImageAStoppedContainerUses() throws Exception {
    List<ImageResult> built = versions("one", "two", "three");
    String container = docker.createContainerCmd(built.get(0).imageId()).withCmd("true")
        .withLabels(Map.of("io.esperanto.test", repository)).exec().getId();
    containers.add(container);

    List<PrunedTag> tags = prune(1, false);

    assertThat(tags).extracting(PrunedTag::decision).containsExactly(PrunedTag.Decision.KEEP,
        PrunedTag.Decision.REMOVE, PrunedTag.Decision.IN_USE);
    assertThat(TestDocker.imageExists(docker, built.get(2).reference())).isTrue();
    assertThat(TestDocker.imageExists(docker, built.get(1).reference())).isFalse();
    assertThat(TestDocker.imageExists(docker, built.get(0).reference())).isTrue();
  }
}
