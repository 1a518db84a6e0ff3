package io.jenkins.plugins.esperanto.engine.build;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.api.DockerClient;
import io.jenkins.plugins.esperanto.engine.api.ImageName;
import io.jenkins.plugins.esperanto.engine.catalog.Catalog;
import io.jenkins.plugins.esperanto.engine.testing.TestCatalog;
import io.jenkins.plugins.esperanto.engine.testing.TestDocker;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Build output without newlines, from the real Docker Engine: it reaches the log in bounded
 * pieces, all of it, rather than being held until a newline comes.
 */
class BuildOutputTest {
  private static final int NO_NEWLINE = 8 * 1024 * 1024;

  @TempDir Path dir;
  @TempDir Path temp;
  private final DockerClient docker = TestDocker.connect();
  private final String id = TestDocker.uniqueId();

  @AfterEach
  void tearDown() throws Exception {
    TestDocker.removeImagesWithRepositoryPrefix(docker, "esperanto-test-" + id + "/");
    TestDocker.removeImagesWithRepositoryPrefix(docker, "esperanto/noisy-" + id + ":");
    docker.close();
  }

  @Test
  void ensure_outputWithoutNewline_isLoggedInBoundedPieces() throws Exception {
    new TestCatalog(dir).image("noisy-" + id, "FROM " + TestDocker.FIXTURE_IMAGE
        + "\nRUN echo " + id + " >/dev/null; head -c " + NO_NEWLINE + " /dev/zero | tr '\\0' x\n",
        null); // the id defeats the layer cache, which would skip the output
    AtomicLong longest = new AtomicLong();
    AtomicLong xs = new AtomicLong();

    new ImageBuilder(docker, Catalog.load(dir), "esperanto-test-" + id, temp, line -> {
      longest.accumulateAndGet(line.length(), Math::max);
      xs.addAndGet(line.chars().filter(c -> c == 'x').count());
    }).ensure(List.of(ImageName.of("noisy-" + id)), BuildOptions.defaults());

    assertThat(xs.get()).isGreaterThanOrEqualTo(NO_NEWLINE);
    assertThat(longest.get()).isLessThanOrEqualTo(64 * 1024);
  }
}
