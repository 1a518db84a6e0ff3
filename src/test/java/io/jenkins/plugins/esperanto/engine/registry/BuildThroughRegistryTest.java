package io.jenkins.plugins.esperanto.engine.registry;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.api.DockerClient;
import io.jenkins.plugins.esperanto.engine.api.ImageAction;
import io.jenkins.plugins.esperanto.engine.api.ImageName;
import io.jenkins.plugins.esperanto.engine.api.ImageResult;
import io.jenkins.plugins.esperanto.engine.build.BuildOptions;
import io.jenkins.plugins.esperanto.engine.build.ImageBuilder;
import io.jenkins.plugins.esperanto.engine.catalog.Catalog;
import io.jenkins.plugins.esperanto.engine.testing.TestCatalog;
import io.jenkins.plugins.esperanto.engine.testing.TestDocker;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link ImageBuilder} with a registry: what is built is pushed, and a key that exists in the
 * registry is pulled instead of built on a daemon that does not have it.
 */
class BuildThroughRegistryTest {
  @RegisterExtension static final LocalRegistry REGISTRY = new LocalRegistry();

  @TempDir Path catalogDir;
  @TempDir Path temp;
  private final DockerClient docker = TestDocker.connect();
  private final String id = TestDocker.uniqueId();
  private final List<String> log = new ArrayList<>();
  private final SecretScan scan = new SecretScan();

  @AfterEach
  void cleanUp() throws Exception {
    TestDocker.removeImagesWithRepositoryPrefix(docker, REGISTRY.host() + "/t" + id);
    TestDocker.removeImagesWithRepositoryPrefix(docker, "esperanto/base-" + id);
    TestDocker.removeImagesWithRepositoryPrefix(docker, "esperanto/app-" + id);
    docker.close();
  }

  private ImageBuilder builder(String repository) throws Exception {
    RegistryLocation location = RegistryLocation.parse(repository);
    RegistryCredentials credentials = RegistryCredentials.usernamePassword("esperanto",
        Secret.of(REGISTRY.password("esperanto")), "test");
    RegistryClient client = RegistryClient.builder(docker, RegistryAuthProvider.of(location, credentials, java.util.Optional.empty()))
        .progress(ProgressOutput.lines(log::add, Duration.ZERO)).build();
    return new ImageBuilder(docker, Catalog.load(catalogDir), repository, temp, log::add).withRegistry(client, true);
  }

  @Test
  void ensure_pushesWhatItBuilds_andPullsInsteadOfBuildingOnACleanDaemon() throws Exception {
    String repository = REGISTRY.host() + "/t" + id;
    new TestCatalog(catalogDir)
        .image("base-" + id, "FROM " + TestDocker.FIXTURE_IMAGE + "\nRUN echo " + id + " > /id\n", null)
        .image("app-" + id, "FROM esperanto/base-" + id + "\nRUN echo app > /app\n", null);
    List<ImageName> app = List.of(ImageName.of("app-" + id));

    List<ImageResult> built = builder(repository).ensure(app, BuildOptions.defaults());
    assertThat(built).extracting(ImageResult::action).containsOnly(ImageAction.BUILT);
    assertThat(log).anyMatch(line -> line.endsWith(built.get(1).reference() + ": pushing"));

    // a clean daemon state for these images: every local tag of them removed
    cleanUpLocalOnly();
    log.clear();
    List<ImageResult> second = builder(repository).ensure(app, BuildOptions.defaults());
    assertThat(second).extracting(ImageResult::action).containsOnly(ImageAction.PULLED);
    assertThat(second).extracting(ImageResult::imageId).isEqualTo(built.stream().map(ImageResult::imageId).toList());
    assertThat(log).noneMatch(line -> line.startsWith("Step "));
    assertThat(log).noneMatch(line -> line.contains(": pushing"));

    for (String line : log) {
      scan.text(line);
    }
    REGISTRY.secrets().forEach(scan::secret);
    scan.assertClean();
  }

  private void cleanUpLocalOnly() {
    TestDocker.removeImagesWithRepositoryPrefix(docker, REGISTRY.host() + "/t" + id);
    TestDocker.removeImagesWithRepositoryPrefix(docker, "esperanto/base-" + id);
    TestDocker.removeImagesWithRepositoryPrefix(docker, "esperanto/app-" + id);
    assertThat(TestDocker.imageExists(docker, "esperanto/app-" + id + ":latest")).isFalse();
  }
}
