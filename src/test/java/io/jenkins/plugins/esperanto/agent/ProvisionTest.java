package io.jenkins.plugins.esperanto.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import hudson.AbortException;
import hudson.util.Secret;
import io.jenkins.plugins.esperanto.action.ImageRecord;
import io.jenkins.plugins.esperanto.config.Settings;
import io.jenkins.plugins.esperanto.credentials.ResolvedCredentials;
import io.jenkins.plugins.esperanto.doubles.RecordingListener;
import io.jenkins.plugins.esperanto.fixtures.TestDocker;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Tests for {@link Provision} with the engine underneath ({@link EngineImageProvisioner}): the
 * agent side of {@code esperantoImage}, against the real Docker Engine, no registry configured.
 */
class ProvisionTest {
  private final String name = "glue-" + UUID.randomUUID().toString().substring(0, 8);
  private ImageRecord built;

  private Path workspaceWithCatalog(String catalogFolder) throws Exception {
    Path ws = Files.createTempDirectory("esperanto-ws");
    Path docker = Files.createDirectories(ws.resolve(catalogFolder).resolve(name).resolve("Docker"));
    Files.writeString(docker.resolve("Dockerfile"), "FROM " + TestDocker.BUSYBOX + "\nRUN echo " + name + " > /marker\n");
    Files.writeString(docker.getParent().resolve("image.yaml"),
        "description: glue test image\nrun:\n  env:\n    FROM_YAML: from-image-yaml\n");
    return ws;
  }

  @AfterEach
  void removeImage() throws Exception {
    if (built != null) {
      try (TestDocker docker = new TestDocker()) {
        docker.docker.removeImageCmd(built.getReference()).withForce(true).exec();
      }
    }
  }

  @Test
  void call_buildsThenFindsItUpToDate_andReportsReferenceKeyAndId() throws Exception {
    Path ws = workspaceWithCatalog("envs");
    Settings settings = Settings.of(null, null, null, null, "envs");
    RecordingListener listener = new RecordingListener();

    built = new Provision(ProvisionRequest.of(ws.toString(), name, settings, false, ResolvedCredentials.none()),
        listener).call();
    ImageRecord again = new Provision(ProvisionRequest.of(ws.toString(), name, settings, false,
        ResolvedCredentials.none()), new RecordingListener()).call();

    assertThat(built.getAction()).isEqualTo("BUILT");
    String tag = built.getReference().substring(("esperanto/" + name + ":").length());
    assertThat(built.getReference()).startsWith("esperanto/" + name + ":");
    assertThat(built.getContentKey()).startsWith(tag);
    assertThat(built.getImageId()).startsWith("sha256:");
    assertThat(built.getSizeBytes()).isPositive();
    assertThat(again.getAction()).isEqualTo("UP_TO_DATE");
    assertThat(again.getReference()).isEqualTo(built.getReference());
    assertThat(again.getImageId()).isEqualTo(built.getImageId());
    assertThat(listener.text()).isNotEmpty();
  }

  @Test
  void catalogImageSession_appliesImageYamlRunSettings_underTheStepsOwn() throws Exception {
    Path ws = workspaceWithCatalog("images");
    Files.setPosixFilePermissions(ws, java.nio.file.attribute.PosixFilePermissions.fromString("rwxrwxrwx"));
    Path tmp = Path.of(ws + "@tmp");
    built = new Provision(ProvisionRequest.of(ws.toString(), name, Settings.of(null, null, null, null, null), false,
        ResolvedCredentials.none()), new RecordingListener()).call();
    try (TestDocker docker = new TestDocker();
        io.jenkins.plugins.esperanto.doubles.InProcessChannel channel =
            new io.jenkins.plugins.esperanto.doubles.InProcessChannel()) {
      SessionRequest request = SessionRequest.of(name, ws.toString(), tmp.toString(), java.util.Map.of("FROM_STEP", "s"),
          java.util.List.of(), java.util.List.of(), docker.labels()).forCatalogImage(ws.resolve("images").toString(), built);
      String id = EngineContainers.start(request,
          io.jenkins.plugins.esperanto.engine.run.UserIdentity.of(1234, 1234, java.util.List.of(), "b", "b"), l -> { });
      java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();

      int code = new ContainerLauncherDecorator(id)
          .decorate(new io.jenkins.plugins.esperanto.doubles.RecordingLauncher(new RecordingListener(), channel), null)
          .launch().cmds("sh", "-c", "echo $$FROM_YAML $$FROM_STEP; pwd; cat /marker").stdout(out).quiet(true).join();

      assertThat(code).isZero();
      assertThat(out.toString(java.nio.charset.StandardCharsets.UTF_8))
          .isEqualTo("from-image-yaml s\n" + ws + "\n" + name + "\n");
    }
  }

  @Test
  void call_withRegistryAndPasswordCredentials_pushesThenPulls_andNeverShowsThePassword() throws Exception {
    try (io.jenkins.plugins.esperanto.fixtures.TestRegistry registry = new io.jenkins.plugins.esperanto.fixtures.TestRegistry();
        TestDocker docker = new TestDocker()) {
      Path ws = workspaceWithCatalog("images");
      Settings settings = Settings.of(registry.host + "/glue", null, "reg", null, null);
      ResolvedCredentials credentials =
          ResolvedCredentials.usernamePassword("reg", registry.user, Secret.fromString(registry.password), false);
      RecordingListener first = new RecordingListener();
      RecordingListener second = new RecordingListener();

      built = new Provision(ProvisionRequest.of(ws.toString(), name, settings, true, credentials), first).call();
      docker.docker.removeImageCmd(built.getReference()).withForce(true).exec();
      ImageRecord pulled = new Provision(ProvisionRequest.of(ws.toString(), name, settings, false, credentials), second)
          .call();

      assertThat(built.getAction()).isEqualTo("BUILT");
      assertThat(built.getReference()).startsWith(registry.host + "/glue/" + name + ":");
      assertThat(pulled.getAction()).isEqualTo("PULLED");
      assertThat(pulled.getImageId()).isEqualTo(built.getImageId());
      docker.docker.removeImageCmd(built.getReference()).withForce(true).exec();
      RecordingListener third = new RecordingListener();
      ImageRecord byReference = Provision.ofReference(ProvisionRequest.of(ws.toString(), built.getReference(), settings,
          false, credentials), third).call();

      assertThat(first.text() + second.text()).contains(built.getReference() + ": pushing")
          .doesNotContain(registry.password);
      assertThat(byReference.getAction()).isEqualTo("PULLED");
      assertThat(byReference.getImageId()).isEqualTo(built.getImageId());
      assertThat(byReference.getName()).isEqualTo(name);
      assertThat(third.text()).doesNotContain(registry.password);
    }
  }

  @Test
  void call_withWrongPassword_failsInOneLine_withoutThePassword() throws Exception {
    try (io.jenkins.plugins.esperanto.fixtures.TestRegistry registry = new io.jenkins.plugins.esperanto.fixtures.TestRegistry()) {
      Path ws = workspaceWithCatalog("images");
      String wrong = "wrong-" + registry.password;
      RecordingListener listener = new RecordingListener();

      AbortException e = assertThrows(AbortException.class, () -> new Provision(ProvisionRequest.of(ws.toString(), name,
          Settings.of(registry.host + "/glue", null, "reg", null, null), false,
          ResolvedCredentials.usernamePassword("reg", registry.user, Secret.fromString(wrong), false)), listener).call());

      assertThat(e.getMessage()).doesNotContain("\n").doesNotContain(wrong);
      assertThat(listener.text()).doesNotContain(wrong);
    }
  }

  @Test
  void ofReference_presentLocally_isUsedAsIs_andRecordedWithItsImageId() throws Exception {
    try (TestDocker docker = new TestDocker()) {
      String id = docker.docker.inspectImageCmd(TestDocker.BUSYBOX).exec().getId();

      ImageRecord record = Provision.ofReference(ProvisionRequest.of("/nonexistent", TestDocker.BUSYBOX,
          Settings.of(null, null, null, null, null), false, ResolvedCredentials.none()), new RecordingListener()).call();

      assertThat(record).isEqualTo(ImageRecord.of("busybox", TestDocker.BUSYBOX, "latest", id, "UP_TO_DATE",
          record.getSizeBytes()));
      assertThat(record.getSizeBytes()).isPositive();
    }
  }

  @Test
  void call_unknownImage_isOneLine_withoutSecrets() throws Exception {
    Path ws = workspaceWithCatalog("images");
    ResolvedCredentials credentials = ResolvedCredentials.usernamePassword("reg", "bot", Secret.fromString("hunter2-x"), false);
    RecordingListener listener = new RecordingListener();

    AbortException e = assertThrows(AbortException.class, () -> new Provision(ProvisionRequest.of(ws.toString(),
        "no-such-image", Settings.of(null, null, "reg", null, null), false, credentials), listener).call());

    assertThat(e.getMessage()).contains("no-such-image").doesNotContain("\n").doesNotContain("hunter2-x");
    assertThat(listener.text()).doesNotContain("hunter2-x");
  }
  /**
   * The daemon answers an invalid reference with HTTP 400 and the reference in its message;
   * docker-java throws that as a runtime exception, not the engine's own. Its message must reach
   * Jenkins masked, as one line without a stack trace.
   */
  @Test
  void ofReference_daemonEchoesTheSecretInAnUnexpectedFailure_abortsWithTheSecretMasked() throws Exception {
    try (TestDocker docker = new TestDocker()) {
      String password = "Pw" + UUID.randomUUID().toString().replace("-", "");
      ResolvedCredentials credentials = ResolvedCredentials.usernamePassword("reg", "user", Secret.fromString(password),
          false);
      RecordingListener listener = new RecordingListener();

      Exception failure = assertThrows(Exception.class, () -> Provision.ofReference(ProvisionRequest.of("/nonexistent",
          "registry.invalid/" + password, Settings.of(null, null, null, null, null), false, credentials), listener)
          .call());

      assertThat(failure).isInstanceOf(AbortException.class);
      assertThat(failure.getMessage()).contains("registry.invalid/****").doesNotContain(password);
      assertThat(failure.getCause()).isNull();
      assertThat(listener.text()).doesNotContain(password);
    }
  }
}
