package io.jenkins.plugins.esperanto.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Tests for {@link ExecPlan}: what a launched command becomes inside the container. */
class ExecPlanTest {
  private static final Map<String, String> AGENT =
      Map.of("PATH", "/usr/bin:/bin", "HOME", "/home/jenkins", "JAVA_HOME", "/opt/java", "LANG", "C.UTF-8");
  private static final Optional<String> IMAGE_PATH = Optional.of("/opt/toolchain/bin:/usr/bin:/bin");

  @Test
  void of_keepsOnlyWhatDiffersFromTheAgent() {
    ExecPlan plan = ExecPlan.of(AGENT,
        List.of("HOME=/home/jenkins", "JAVA_HOME=/opt/java", "BUILD_NUMBER=7", "LANG=C.UTF-8", "PATH=/usr/bin:/bin"),
        List.of("make"), IMAGE_PATH);

    assertThat(plan.env()).containsExactly(Map.entry("BUILD_NUMBER", "7"));
  }

  @Test
  void of_withEnvPathPrefix_goesInFrontOfTheImagePath() {
    // withEnv(['PATH+TOOLS=/opt/tools/bin']) gives the agent's PATH with the entry in front (JENKINS-43590).
    ExecPlan plan = ExecPlan.of(AGENT, List.of("PATH=/opt/tools/bin:/usr/bin:/bin"), List.of("tool"), IMAGE_PATH);

    assertThat(plan.env()).containsEntry("PATH", "/opt/tools/bin:/opt/toolchain/bin:/usr/bin:/bin");
  }

  @Test
  void of_plusSyntaxInTheLaunchEnvironment_prependsToo() {
    ExecPlan plan = ExecPlan.of(AGENT, List.of("PATH+X=/x/bin"), List.of("x"), IMAGE_PATH);

    assertThat(plan.env()).containsEntry("PATH", "/x/bin:/opt/toolchain/bin:/usr/bin:/bin");
  }

  @Test
  void of_replacedPath_isUsedAsGiven() {
    ExecPlan plan = ExecPlan.of(AGENT, List.of("PATH=/only/this"), List.of("x"), IMAGE_PATH);

    assertThat(plan.env()).containsEntry("PATH", "/only/this");
  }

  @Test
  void of_imageWithoutPath_usesTheDefaultPath() {
    ExecPlan plan = ExecPlan.of(AGENT, List.of("PATH=/x:/usr/bin:/bin"), List.of("x"), Optional.empty());

    assertThat(plan.env()).containsEntry("PATH", "/x:" + ExecPlan.DEFAULT_IMAGE_PATH);
  }

  @Test
  void of_doubledDollars_becomeSingleInValuesAndArguments() {
    // durable-task doubles every $ because a local launch expands variables (BourneShellScript).
    ExecPlan plan = ExecPlan.of(AGENT, List.of("PRICE=$$5", "GREETING=hi"),
        List.of("sh", "-c", "echo $${GREETING} $GREETING; jsc=$$jsc"), IMAGE_PATH);

    assertThat(plan.env()).containsEntry("PRICE", "$5");
    assertThat(plan.command()).containsExactly("sh", "-c", "echo ${GREETING} hi; jsc=$jsc");
  }

  @Test
  void of_unknownVariablesInArguments_stayAsWritten() {
    ExecPlan plan = ExecPlan.of(AGENT, List.of(), List.of("echo", "$NOPE", "${NOPE}"), IMAGE_PATH);

    assertThat(plan.command()).containsExactly("echo", "$NOPE", "${NOPE}");
  }

  @Test
  void of_emptyValue_removesTheVariable() {
    ExecPlan plan = ExecPlan.of(AGENT, List.of("GONE=x", "GONE="), List.of("x"), IMAGE_PATH);

    assertThat(plan.env()).doesNotContainKey("GONE");
  }

  @Test
  void of_entryWithoutName_isRejected() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> ExecPlan.of(AGENT, List.of("=x"), List.of("x"), IMAGE_PATH));

    assertThat(e).hasMessage("Environment entry without a name: =x");
  }
}
