package io.jenkins.plugins.esperanto.engine.rebuild;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.api.DockerClient;
import io.jenkins.plugins.esperanto.engine.build.BuildOptions;
import io.jenkins.plugins.esperanto.engine.build.ImageBuilder;
import io.jenkins.plugins.esperanto.engine.catalog.Catalog;
import io.jenkins.plugins.esperanto.engine.registry.CredentialsResolver;
import io.jenkins.plugins.esperanto.engine.registry.ExplicitCredentials;
import io.jenkins.plugins.esperanto.engine.registry.ImageReference;
import io.jenkins.plugins.esperanto.engine.registry.LocalRegistry;
import io.jenkins.plugins.esperanto.engine.registry.RegistryAuthProvider;
import io.jenkins.plugins.esperanto.engine.registry.RegistryClient;
import io.jenkins.plugins.esperanto.engine.registry.RegistryLocation;
import io.jenkins.plugins.esperanto.engine.registry.Secret;
import io.jenkins.plugins.esperanto.engine.testing.TestCatalog;
import io.jenkins.plugins.esperanto.engine.testing.TestDocker;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** A rebuild that publishes to a real registry (Debian's docker-registry with htpasswd). */
class RebuildRegistryTest {
  @RegisterExtension static final LocalRegistry REGISTRY = new LocalRegistry();

  @TempDir Path dir;
  @TempDir Path temp;

  private DockerClient docker;
  private String id;
  private String repository;
  private RegistryClient client;

  @BeforeEach
  void setUp() throws Exception {
    docker = TestDocker.connect();
    id = TestDocker.uniqueId();
    repository = REGISTRY.host() + "/rebuild-" + id;
    RegistryLocation location = RegistryLocation.parse(repository);
    ExplicitCredentials explicit = ExplicitCredentials.builder("test").username("esperanto")
        .password(Secret.of(REGISTRY.password("esperanto"))).build();
    client = RegistryClient.builder(docker, RegistryAuthProvider.of(location,
        CredentialsResolver.forCurrentUser().resolve(location, explicit), Optional.empty())).build();
  }

  @AfterEach
  void tearDown() throws Exception {
    removeLocal();
    docker.close();
  }

  private void removeLocal() {
    TestDocker.removeImagesWithRepositoryPrefix(docker, repository + "/");
    TestDocker.removeImagesWithRepositoryPrefix(docker, "esperanto/root-" + id + ":");
    TestDocker.removeImagesWithRepositoryPrefix(docker, "esperanto/child-" + id + ":");
  }

  private void catalog(String childLine) {
    new TestCatalog(dir)
        .image("root-" + id, "FROM " + TestDocker.FIXTURE_IMAGE + "\nRUN echo root > /root.txt\n", null)
        .image("child-" + id, "FROM esperanto/root-" + id + "\nRUN echo " + childLine + " > /child.txt\n", null);
  }

  private RebuildReport rebuild() throws Exception {
    Catalog catalog = Catalog.load(dir);
    ImageBuilder builder = new ImageBuilder(docker, catalog, repository, temp, line -> { });
    EngineImageOperations operations = EngineImageOperations.of(docker, catalog, builder, BuildOptions.defaults(),
        Optional.of(client));
    RebuildPlan plan = new PlanRebuildStep(operations, catalog.names(), false).call();
    return new RunRebuildStep(plan, operations, 2, false, line -> { }).call();
  }

  private static Map<String, RebuildAction> actions(RebuildReport report) {
    return report.entries().stream().collect(Collectors.toMap(e -> e.name().replaceAll("-.*", ""), RebuildEntry::action));
  }

  @Test
  void call_publishesToTheRegistry_thenPlansFromItAndPullsParentsOnlyWhenAChildBuilds() throws Exception {
    catalog("one");
    RebuildReport first = rebuild();
    assertThat(actions(first)).containsEntry("root", RebuildAction.BUILT).containsEntry("child", RebuildAction.BUILT);
    for (RebuildEntry entry : first.entries()) {
      assertThat(client.exists(ImageReference.parse(entry.reference().get()))).as(entry.reference().get()).isTrue();
      assertThat(entry.pushBytes()).isPresent();
    }

    removeLocal(); // another machine: nothing local, everything in the registry
    RebuildReport nothingToDo = rebuild();
    assertThat(actions(nothingToDo)).containsEntry("root", RebuildAction.UP_TO_DATE)
        .containsEntry("child", RebuildAction.UP_TO_DATE);
    assertThat(TestDocker.imageExists(docker, first.entries().get(0).reference().get())).isFalse();

    catalog("two");
    RebuildReport childChanged = rebuild();
    assertThat(actions(childChanged)).containsEntry("root", RebuildAction.PULLED)
        .containsEntry("child", RebuildAction.BUILT);
    assertThat(childChanged.hasProblems()).isFalse();
    List<RebuildEntry> entries = childChanged.entries();
    assertThat(client.exists(ImageReference.parse(entries.get(1).reference().get()))).isTrue();
  }
}
