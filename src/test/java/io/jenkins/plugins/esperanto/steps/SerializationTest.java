package io.jenkins.plugins.esperanto.steps;

import static org.assertj.core.api.Assertions.assertThat;

import hudson.EnvVars;
import hudson.util.Secret;
import io.jenkins.plugins.esperanto.action.ImageRecord;
import io.jenkins.plugins.esperanto.agent.ContainerCalls;
import io.jenkins.plugins.esperanto.agent.ContainerLauncherDecorator;
import io.jenkins.plugins.esperanto.agent.ProvisionRequest;
import io.jenkins.plugins.esperanto.agent.SessionRequest;
import io.jenkins.plugins.esperanto.config.Settings;
import io.jenkins.plugins.esperanto.credentials.ResolvedCredentials;
import io.jenkins.plugins.esperanto.doubles.FakeStepContext;
import io.jenkins.plugins.esperanto.doubles.ProgramDat;
import io.jenkins.plugins.esperanto.doubles.RecordingListener;
import java.io.ByteArrayOutputStream;
import java.io.ObjectOutputStream;
import java.io.ObjectStreamClass;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Java-serialisation round trips of everything Jenkins persists in a Pipeline (step, execution,
 * body callback, launcher decorator, environment expander) and of what crosses to the agent.
 */
class SerializationTest {
  /** As Jenkins persists a Pipeline (program.dat); agent requests cross the same serialisation. */
  static <T extends Serializable> T roundTrip(T value) throws Exception {
    return ProgramDat.roundTrip(value);
  }

  static void assertDeclaresSerialVersionUid(Class<?> type) {
    assertThat(ObjectStreamClass.lookup(type).getSerialVersionUID()).as(type.getName()).isEqualTo(1L);
  }

  private static InsideEsperantoStep step() {
    InsideEsperantoStep step = new InsideEsperantoStep("toolchain");
    step.setEnv(List.of("A=1"));
    step.setVolumes(List.of("/cache:/cache:ro"));
    step.setArgs(List.of("--quiet"));
    return step;
  }

  @Test
  void steps_roundTripWithTheirParameters() throws Exception {
    EsperantoImageStep image = new EsperantoImageStep("toolchain");
    image.setPush(true);
    image.setSquash("own");
    image.setCredentialsId("ecr");

    EsperantoImageStep copy = roundTrip(image);
    InsideEsperantoStep inside = roundTrip(step());

    assertThat(copy.getName()).isEqualTo("toolchain");
    assertThat(copy.isPush()).isTrue();
    assertThat(copy.getSquash()).isEqualTo("own");
    assertThat(copy.getCredentialsId()).isEqualTo("ecr");
    assertThat(inside.getEnv()).containsExactly("A=1");
    assertThat(inside.getVolumes()).containsExactly("/cache:/cache:ro");
    assertThat(inside.getArgs()).containsExactly("--quiet");
  }

  @Test
  void insideExecution_andItsCallback_roundTrip() throws Exception {
    InsideEsperantoExecution execution = new InsideEsperantoExecution(step(), new FakeStepContext());

    InsideEsperantoExecution copy = roundTrip(execution);
    InsideEsperantoExecution.Cleanup callback = roundTrip(execution.new Cleanup());

    assertThat(copy.getStatus()).isEqualTo("starting a container of toolchain");
    assertThat(callback).isNotNull();
    assertDeclaresSerialVersionUid(InsideEsperantoExecution.class);
    assertDeclaresSerialVersionUid(InsideEsperantoExecution.Cleanup.class);
  }

  @Test
  void imageExecution_roundTripsWithoutItsStep() throws Exception {
    EsperantoImageStep.Execution execution = new EsperantoImageStep.Execution(new EsperantoImageStep("x"),
        new FakeStepContext());

    assertThat(roundTrip(execution)).isNotNull();
    assertDeclaresSerialVersionUid(EsperantoImageStep.Execution.class);
  }

  @Test
  void decoratorAndExpander_keepTheContainer() throws Exception {
    ContainerLauncherDecorator decorator = roundTrip(new ContainerLauncherDecorator("abc123"));
    ContainerEnvironment expander = roundTrip(new ContainerEnvironment("abc123", "reg/team/toolchain:k1"));
    EnvVars env = new EnvVars();
    expander.expand(env);

    assertThat(decorator.getContainerId()).isEqualTo("abc123");
    assertThat(env).containsEntry("ESPERANTO_CONTAINER_ID", "abc123").containsEntry("ESPERANTO_IMAGE",
        "reg/team/toolchain:k1");
  }

  @Test
  void agentRequests_roundTrip() throws Exception {
    SessionRequest session = roundTrip(SessionRequest.of("img:1", "/ws", "/ws@tmp", Map.of("A", "1"),
        List.of("/a:/b"), List.of("x"), Map.of("l", "v")));
    ProvisionRequest provision = roundTrip(ProvisionRequest.of("/ws", "toolchain",
        Settings.of("r.example.com/t", null, "id", "own", null), true,
        ResolvedCredentials.usernamePassword("id", "bot", Secret.fromString("pw"), false)));
    ImageRecord record = roundTrip(ImageRecord.of("toolchain", "r/t:k", "k", "sha256:1", "BUILT", 5));

    assertThat(session.env()).containsEntry("A", "1");
    assertThat(session.volumes()).containsExactly("/a:/b");
    assertThat(provision.credentials().secret().map(Secret::getPlainText)).contains("pw");
    assertThat(provision.settings().squash()).isPresent();
    assertThat(record).isEqualTo(ImageRecord.of("toolchain", "r/t:k", "k", "sha256:1", "BUILT", 5));
    assertThat(roundTrip(new ContainerCalls.Remove("abc", "block"))).isNotNull();
  }

  @Test
  void containerRequest_carriesNoCredentials() throws Exception {
    // What reaches a container is the SessionRequest: it has no field that could hold a secret.
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(SessionRequest.of("img:1", "/ws", "/ws@tmp", Map.of(), List.of(), List.of(), Map.of()));
    }
    String form = bytes.toString(StandardCharsets.ISO_8859_1);

    assertThat(form).doesNotContain("Secret").doesNotContain("ResolvedCredentials");
  }

  @Test
  void insideExecution_persistsNoValueOfTheStepsEnv_asProgramDatWouldHoldIt() throws Exception {
    InsideEsperantoStep step = new InsideEsperantoStep("toolchain");
    step.setEnv(List.of("TOKEN=s3cr3t-value-42"));
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(new InsideEsperantoExecution(step, new FakeStepContext()));
    }

    assertThat(bytes.toString(StandardCharsets.ISO_8859_1)).doesNotContain("s3cr3t-value-42");
  }

  @Test
  void programDat_refusesAListener_asJenkinsWould() {
    org.junit.jupiter.api.Assertions.assertThrows(java.io.NotSerializableException.class,
        () -> roundTrip(new java.util.ArrayList<Object>(List.of(new RecordingListener()))));
  }
}
