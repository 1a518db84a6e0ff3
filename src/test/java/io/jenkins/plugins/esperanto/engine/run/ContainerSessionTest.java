package io.jenkins.plugins.esperanto.engine.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Tests for {@link ContainerSession} against the real Docker Engine. */
class ContainerSessionTest {
  private static DockerFixture fixture;
  private final List<String> log = new ArrayList<>();

  @BeforeAll
  static void connect() throws Exception {
    fixture = new DockerFixture();
  }

  @AfterAll
  static void cleanUp() {
    fixture.close();
  }

  private SessionSpec.Builder spec(UserIdentity user) {
    return SessionSpec.builder(DockerFixture.BUSYBOX, user).labels(fixture.labels());
  }

  @Test
  void exec_runsAsMappedUserWithHome() throws Exception {
    UserIdentity user = UserIdentity.of(4242, 4343, List.of(), "alice", "devs");
    try (ContainerSession session = ContainerSession.start(fixture.docker, spec(user).build(), log::add)) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      ByteArrayOutputStream err = new ByteArrayOutputStream();
      int code = session.exec(ExecRequest.of(List.of("sh", "-c",
          "whoami; id -un; id -gn; echo ~; echo $HOME; cd ~ && touch x && ls -ln x; echo err >&2; exit 3")),
          null, out, err);
      assertThat(code).isEqualTo(3);
      assertThat(DockerFixture.text(err)).isEqualTo("err\n");
      assertThat(DockerFixture.text(out)).startsWith("alice\nalice\ndevs\n/home/alice\n/home/alice\n")
          .contains(" 4242 ").contains(" 4343 ");
    }
    assertThat(fixture.containers()).isEmpty();
  }
}
