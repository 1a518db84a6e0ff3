package io.jenkins.plugins.esperanto.engine.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Tests for {@link RunContainerStep} against the real Docker Engine. */
class RunContainerStepTest {
  private static final UserIdentity USER = UserIdentity.of(4242, 4343, List.of(), "alice", "devs");
  @RegisterExtension static final DockerFixture fixture = DockerFixture.connect();
  private final List<String> log = new ArrayList<>();
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int run(SessionSpec.Builder spec, String stdin) throws Exception {
    ByteArrayInputStream in = stdin == null ? null : new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8));
    return new RunContainerStep(fixture.docker, spec.labels(fixture.labels()).build(), in, out, err, log::add).call();
  }

  private static SessionSpec.Builder spec(String image, String script) {
    return SessionSpec.builder(image, USER).command(List.of("sh", "-c", script));
  }

  @Test
  void call_returnsExitCodeKeepsStreamsSeparateAndRemovesTheContainer() throws Exception {
    int code = run(spec(DockerFixture.BUSYBOX, "echo out; echo err >&2; whoami; echo ~; exit 7"), null);

    assertThat(code).isEqualTo(7);
    assertThat(DockerFixture.text(out)).isEqualTo("out\nalice\n/home/alice\n");
    assertThat(DockerFixture.text(err)).isEqualTo("err\n");
    assertThat(fixture.containers()).isEmpty();
  }

  @Test
  void call_feedsStdinAndDeliversEndOfFile() throws Exception {
    int code = run(spec(DockerFixture.BUSYBOX, "wc -l").env(Map.of("A", "b")), "one\ntwo\nthree\n");

    assertThat(code).isZero();
    assertThat(DockerFixture.text(out).trim()).isEqualTo("3");
  }

  @Test
  void call_runsTheImageEntrypointWithTheCommandAsArguments() throws Exception {
    String image = fixture.buildImage("run-entrypoint",
        "RUN printf '#!/bin/sh\\necho entrypoint-setup >&2\\nexec \"$@\"\\n' > /entrypoint"
            + " && chmod 755 /entrypoint\nENTRYPOINT [\"/entrypoint\"]");

    int code = run(spec(image, "echo \"args: $0\"").entrypointArgs(List.of()), null);

    assertThat(code).isZero();
    assertThat(DockerFixture.text(err)).isEqualTo("entrypoint-setup\n");
    assertThat(DockerFixture.text(out)).isEqualTo("args: sh\n");
  }

  @Test
  void call_withTtyAllocatesATerminal() throws Exception {
    int code = run(spec(DockerFixture.BUSYBOX, "tty; exit 4").tty(true), "");

    assertThat(code).isEqualTo(4);
    assertThat(DockerFixture.text(out)).startsWith("/dev/pts/");
  }

  @Test
  void call_withMissingImageNamesItInOneLineAndLeavesNothing() {
    String image = fixture.runId + "/absent:1";
    MissingImageException e = assertThrows(MissingImageException.class, () -> run(spec(image, "true"), null));

    assertThat(e.getMessage()).contains(image).doesNotContain("\n");
    assertThat(fixture.containers()).isEmpty();
  }

  @Test
  void call_withMissingWorkspaceNamesItInOneLineAndLeavesNothing() {
    String missing = "/tmp/" + fixture.runId + "-no-workspace";
    MissingMountSourceException e = assertThrows(MissingMountSourceException.class,
        () -> run(spec(DockerFixture.BUSYBOX, "true").mount(Mount.samePath(missing)).workdir(missing), null));

    assertThat(e.getMessage()).contains(missing).doesNotContain("\n");
    assertThat(fixture.containers()).isEmpty();
  }
}
