package io.jenkins.plugins.esperanto.engine.build;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.api.DockerClient;
import io.jenkins.plugins.esperanto.engine.api.ImageAction;
import io.jenkins.plugins.esperanto.engine.api.ImageName;
import io.jenkins.plugins.esperanto.engine.api.ImageResult;
import io.jenkins.plugins.esperanto.engine.catalog.Catalog;
import io.jenkins.plugins.esperanto.engine.testing.TestCatalog;
import io.jenkins.plugins.esperanto.engine.testing.TestDocker;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Tests for the per-key lock of {@link ImageBuilder} (issue 10, item 13): builds of one key at
 * once, each with its own builder and Docker connection as separate jobs would have, give one
 * build that the others reuse. Separate JVMs are covered by the CLI's ConcurrentBuildCliTest.
 */
class ConcurrentBuildTest {
  private static final int BUILDS = 4;

  @TempDir Path dir;
  @TempDir Path temp;

  private String repository;
  private String name;
  private final List<String> log = Collections.synchronizedList(new ArrayList<>());

  @BeforeEach
  void setUp() {
    String id = TestDocker.uniqueId();
    repository = "esperanto-test-" + id;
    name = "locked-" + id;
  }

  @AfterEach
  void tearDown() {
    try (DockerClient docker = TestDocker.connect()) {
      TestDocker.removeImagesWithRepositoryPrefix(docker, repository + "/");
      TestDocker.removeImagesWithRepositoryPrefix(docker, "esperanto/" + name + ":");
      // the unsquashed intermediates, untagged
      for (var image : docker.listImagesCmd().withShowAll(true)
          .withLabelFilter(java.util.Map.of("io.esperanto.name", name)).exec()) {
        try {
          docker.removeImageCmd(image.getId()).withForce(true).exec();
        } catch (com.github.dockerjava.api.exception.NotFoundException e) {
          // went with an image removed before it
        }
      }
    } catch (java.io.IOException e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void ensure_sameKeyFromSeveralBuildersAtOnce_buildsOnceAndAllSucceedWithSquash() throws Exception {
    // the sleep keeps the first build running while the others arrive
    new TestCatalog(dir).image(name, "FROM " + TestDocker.FIXTURE_IMAGE
        + "\nRUN sleep 2 && echo one > /one\nRUN echo two > /two && rm /one\n", "build:\n  squash: own\n");
    List<ImageResult> results = runAtOnce(() -> {
      try (DockerClient docker = TestDocker.connect()) {
        return new ImageBuilder(docker, Catalog.load(dir), repository, temp, log::add)
            .ensure(List.of(ImageName.of(name)), BuildOptions.defaults()).get(0);
      }
    });

    assertThat(results).extracting(ImageResult::action).as("log: %s", log)
        .containsOnlyOnce(ImageAction.BUILT).containsOnly(ImageAction.BUILT, ImageAction.UP_TO_DATE);
    assertThat(results).extracting(ImageResult::imageId).containsOnly(results.get(0).imageId());
    assertThat(log).filteredOn(line -> line.contains(": building ")).hasSize(1);
    try (DockerClient docker = TestDocker.connect()) {
      assertThat(TestDocker.imageExists(docker, results.get(0).reference())).isTrue();
    }
  }

  /** Starts every build at once and waits for all of them; any failure fails the test. */
  private List<ImageResult> runAtOnce(Callable<ImageResult> build) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(BUILDS);
    try {
      List<Future<ImageResult>> futures = new ArrayList<>();
      for (int i = 0; i < BUILDS; i++) {
        futures.add(pool.submit(build));
      }
      List<ImageResult> results = new ArrayList<>();
      for (Future<ImageResult> future : futures) {
        results.add(future.get(3, TimeUnit.MINUTES));
      }
      return results;
    } finally {
      pool.shutdownNow();
    }
  }
}
