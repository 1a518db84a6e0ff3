package io.jenkins.plugins.esperanto.engine.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Tests for {@link UserIdentity} and the other run values. */
class UserIdentityTest {
  @Test
  void ofCurrentProcess_matchesTheKernelsView() throws Exception {
    String status = Files.readString(Path.of("/proc/self/status"));
    String uidLine = status.lines().filter(l -> l.startsWith("Uid:")).findFirst().orElseThrow();

    UserIdentity self = UserIdentity.ofCurrentProcess();

    assertThat(Integer.toString(self.uid())).isEqualTo(uidLine.split("\\s+")[2]);
    assertThat(self.name()).isNotBlank();
    assertThat(self.home()).isEqualTo("/home/" + self.name());
    assertThat(self.numericUser()).isEqualTo(self.uid() + ":" + self.gid());
  }

  @Test
  void ofCurrentProcess_uidWithoutAccount_isNamedUserUid() throws Exception {
    assertThat(Files.readString(Path.of("/etc/passwd"))).doesNotContain(":54321:");
    String classes = Path.of(UserIdentity.class.getProtectionDomain().getCodeSource()
        .getLocation().toURI()) + ":" + Path.of(NoAccount.class.getProtectionDomain()
        .getCodeSource().getLocation().toURI());
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    Process child = new ProcessBuilder(List.of("setpriv", "--reuid=54321", "--regid=54321",
        "--clear-groups", java.toString(), "-XX:-UsePerfData", "-cp", classes,
        NoAccount.class.getName())).directory(new java.io.File("/"))
        .redirectErrorStream(true).start();
    String output = new String(child.getInputStream().readAllBytes()).strip();
    assertThat(child.waitFor()).as(output).isZero();

    assertThat(output).isEqualTo("user54321 /home/user54321 group54321");
  }

  /** The child: a JVM whose uid has no passwd entry (its user.name is "?"). */
  public static final class NoAccount {
    public static void main(String[] args) {
      UserIdentity self = UserIdentity.ofCurrentProcess();
      System.out.println(self.name() + " " + self.home() + " " + self.groupName());
    }
  }

  @Test
  void of_rejectsNamesThatWouldCorruptPasswd() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> UserIdentity.of(1, 1, List.of(), "bad:name", "g"));

    assertThat(e.getMessage()).contains("bad:name");
  }

  @Test
  void identityAndSpec_surviveJavaSerialization() throws Exception {
    UserIdentity user = UserIdentity.of(4242, 4343, List.of(5, 6), "alice", "devs").withHome("/var/lib/alice");
    SessionSpec spec = SessionSpec.builder("img:1", user).mount(Mount.samePath("/ws")).device("/dev/null")
        .env(java.util.Map.of("A", "1")).build();

    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(spec);
      out.writeObject(ExecRequest.of(List.of("sh")).withEnv(java.util.Map.of("B", "2")));
    }
    try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
      SessionSpec copy = (SessionSpec) in.readObject();
      assertThat(copy.user()).isEqualTo(user);
      assertThat(copy.mounts()).containsExactly(Mount.samePath("/ws"));
      assertThat(copy.devices()).containsExactly(DeviceMapping.parse("/dev/null:/dev/null:rwm"));
      assertThat(copy.env()).containsEntry("A", "1");
      assertThat(((ExecRequest) in.readObject()).env()).containsEntry("B", "2");
    }
  }

  @Test
  void deviceMapping_rejectsBadPermissionsNamingTheValue() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> DeviceMapping.parse("/dev/fuse:/dev/fuse:rwx"));

    assertThat(e.getMessage()).contains("/dev/fuse:/dev/fuse:rwx").contains("r, w, m");
  }

  @Test
  void execRequest_rejectsVariableNamesWithEquals() {
    assertThrows(IllegalArgumentException.class,
        () -> ExecRequest.of(List.of("true")).withEnv(java.util.Map.of("A=B", "c")));
  }
}
