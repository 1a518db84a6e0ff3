package io.jenkins.plugins.esperanto.engine.registry;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.api.DockerClient;
import io.jenkins.plugins.esperanto.engine.api.ImageName;
import io.jenkins.plugins.esperanto.engine.api.ImageResult;
import io.jenkins.plugins.esperanto.engine.build.BuildOptions;
import io.jenkins.plugins.esperanto.engine.build.ImageBuilder;
import io.jenkins.plugins.esperanto.engine.catalog.Catalog;
import io.jenkins.plugins.esperanto.engine.prune.PrunedTag;
import io.jenkins.plugins.esperanto.engine.testing.TestCatalog;
import io.jenkins.plugins.esperanto.engine.testing.TestDocker;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Tests for {@link PruneRemoteTagsStep} against a real registry with htpasswd authentication. */
class PruneRemoteTagsStepTest {
  @RegisterExtension static final LocalRegistry REGISTRY = new LocalRegistry();

  @TempDir Path dir;
  @TempDir Path temp;

  private DockerClient docker;
  private String name;
  private String repository;
  private RegistryLocation location;
  private RegistryAuthProvider auth;
  private RegistryClient client;

  @BeforeEach
  void setUp() throws Exception {
    docker = TestDocker.connect();
    name = "pruned-" + TestDocker.uniqueId();
    repository = REGISTRY.host() + "/prune";
    location = RegistryLocation.parse(repository);
    auth = RegistryAuthProvider.of(location, RegistryCredentials.usernamePassword("esperanto",
        Secret.of(REGISTRY.password("esperanto")), "test"), Optional.empty());
    client = RegistryClient.builder(docker, auth).build();
  }

  @AfterEach
  void tearDown() throws Exception {
    TestDocker.removeImagesWithRepositoryPrefix(docker, repository + "/" + name + ":");
    TestDocker.removeImagesWithRepositoryPrefix(docker, "esperanto/" + name + ":");
    docker.close();
  }

  private List<ImageResult> pushedVersions(String... lines) throws Exception {
    List<ImageResult> pushed = new ArrayList<>();
    for (String line : lines) {
      new TestCatalog(dir).image(name, "FROM " + TestDocker.FIXTURE_IMAGE + "\nRUN echo " + line + " > /v.txt\n", null);
      ImageResult built = new ImageBuilder(docker, Catalog.load(dir), repository, temp, l -> { })
          .ensure(List.of(ImageName.of(name)), BuildOptions.defaults()).get(0);
      client.push(ImageReference.parse(built.reference()));
      pushed.add(built);
    }
    return pushed;
  }

  private boolean inRegistry(ImageResult image) throws Exception {
    return client.exists(ImageReference.parse(image.reference()));
  }

  @Test
  void call_deletesAllButTheNewestNManifests() throws Exception {
    List<ImageResult> pushed = pushedVersions("one", "two", "three");

    List<PrunedTag> dry = new PruneRemoteTagsStep(location, auth, List.of(name), 1, true, l -> { }).call();
    assertThat(dry).extracting(PrunedTag::decision).containsExactly(PrunedTag.Decision.KEEP,
        PrunedTag.Decision.REMOVE, PrunedTag.Decision.REMOVE);
    assertThat(inRegistry(pushed.get(0))).isTrue();

    List<String> log = new ArrayList<>();
    List<PrunedTag> tags = new PruneRemoteTagsStep(location, auth, List.of(name), 1, false, log::add).call();

    assertThat(tags).extracting(PrunedTag::reference).containsExactly(pushed.get(2).reference(),
        pushed.get(1).reference(), pushed.get(0).reference());
    assertThat(inRegistry(pushed.get(2))).isTrue();
    assertThat(inRegistry(pushed.get(1))).isFalse();
    assertThat(inRegistry(pushed.get(0))).isFalse();
    assertThat(log).hasSize(2).allMatch(l -> l.startsWith("deleted " + repository + "/" + name + ":"));
    assertThat(String.join("\n", log)).doesNotContain(REGISTRY.password("esperanto"));
  }
}
