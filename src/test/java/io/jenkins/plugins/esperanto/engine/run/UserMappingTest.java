package io.jenkins.plugins.esperanto.engine.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Proof that the caller's user works inside containers of any image (real Docker Engine): a
 * uid that is neither 0 nor 1000, images that already know the uid or the name, a read-only
 * root, extra groups; and that files written to a mounted folder belong to the caller.
 */
class UserMappingTest {
  private static final UserIdentity ALICE = UserIdentity.of(4242, 4343, List.of(), "alice", "devs");
  /** Everything a build tool expects from a user; prints one value per line. */
  private static final String PROBE =
      "whoami; id -un; id -gn; echo ~; echo \"$HOME\"; cd ~ && touch x && echo home-ok;"
          + " printf '[user]\\n\\tname = a\\n' > \"$HOME/.gitconfig\" && cat \"$HOME/.gitconfig\" | head -1;"
          + " touch \"$WS/made-in-container\"; id -G";

  @RegisterExtension static final DockerFixture fixture = DockerFixture.connect();
  private final List<String> log = new ArrayList<>();
  private Path workspace;

  @BeforeEach
  void createWorkspace() throws Exception {
    workspace = Files.createTempDirectory("esperanto-ws-");
    Files.setPosixFilePermissions(workspace, PosixFilePermissions.fromString("rwxrwxrwx"));
  }

  @AfterEach
  void deleteWorkspace() throws Exception {
    try (Stream<Path> paths = Files.walk(workspace)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }

  private String[] probe(String image, UserIdentity user, boolean readOnly, List<String> extraGroups)
      throws Exception {
    SessionSpec spec =
        SessionSpec.builder(image, user)
            .labels(fixture.labels())
            .mount(Mount.samePath(workspace.toString()))
            .workdir(workspace.toString())
            .env(java.util.Map.of("WS", workspace.toString()))
            .readOnlyRoot(readOnly)
            .extraGroups(extraGroups)
            .build();
    try (ContainerSession session = ContainerSession.start(fixture.docker, spec, log::add)) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      ByteArrayOutputStream err = new ByteArrayOutputStream();
      int code = session.exec(ExecRequest.of(List.of("sh", "-c", PROBE)), null, out, err);
      assertThat(DockerFixture.text(err)).isEmpty();
      assertThat(code).isZero();
      return DockerFixture.text(out).split("\n");
    }
  }

  private void assertCreatedFileOwnedBy(int uid, int gid) throws Exception {
    Path made = workspace.resolve("made-in-container");
    assertThat((Integer) Files.getAttribute(made, "unix:uid")).isEqualTo(uid);
    assertThat((Integer) Files.getAttribute(made, "unix:gid")).isEqualTo(gid);
  }

  @Test
  void newUid_hasNameGroupHomeAndOwnsItsFiles() throws Exception {
    String[] out = probe(DockerFixture.BUSYBOX, ALICE, false, List.of());

    assertThat(out).startsWith("alice", "alice", "devs", "/home/alice", "/home/alice", "home-ok", "[user]");
    assertCreatedFileOwnedBy(4242, 4343);
    assertThat(fixture.containers()).isEmpty();
  }

  @Test
  void uidKnownToImage_keepsImageNameAndPreparedHome() throws Exception {
    String image = fixture.buildImage("has-uid",
        "RUN echo 'builder:x:4242:4242:Builder:/opt/builder:/bin/sh' >> /etc/passwd"
            + " && mkdir -p /opt/builder && echo prepared > /opt/builder/.tool-rc"
            + " && chown -R 4242:4242 /opt/builder");

    String[] first = probe(image, ALICE, false, List.of());
    // The second run merges from the cached accounts of the image, before creating anything.
    String[] second = probe(image, ALICE, false, List.of());

    assertThat(first).startsWith("builder", "builder", "devs", "/opt/builder", "/opt/builder", "home-ok", "[user]");
    assertThat(second).isEqualTo(first);
    assertThat(log).contains("User alice (4242:4343) is 'builder' in " + image + ", with HOME /opt/builder");
    assertCreatedFileOwnedBy(4242, 4343);
  }

  @Test
  void uidKnownToImageWithUnusableHome_getsCallersHome() throws Exception {
    String image = fixture.buildImage("nohome-uid",
        "RUN echo 'svc:x:4242:4242::/nonexistent:/bin/false' >> /etc/passwd");

    String[] out = probe(image, ALICE, false, List.of());

    assertThat(out).startsWith("svc", "svc", "devs", "/home/alice", "/home/alice", "home-ok");
  }

  @Test
  void nameTakenByAnotherUid_getsAFreeNameAndItsOwnHome() throws Exception {
    String image = fixture.buildImage("name-taken",
        "RUN echo 'alice:x:1234:1234::/home/alice:/bin/sh' >> /etc/passwd"
            + " && echo 'devs:x:1234:' >> /etc/group && mkdir -p /home/alice && chown 1234 /home/alice");

    String[] out = probe(image, ALICE, false, List.of());

    assertThat(out).startsWith("alice-4242", "alice-4242", "devs-4343", "/home/alice-4242",
        "/home/alice-4242", "home-ok", "[user]");
    assertCreatedFileOwnedBy(4242, 4343);
  }

  @Test
  void gidKnownToImage_reusesGroupName() throws Exception {
    UserIdentity user = UserIdentity.of(4242, 65534, List.of(), "alice", "devs");

    String[] out = probe(DockerFixture.BUSYBOX, user, false, List.of());

    assertThat(out[2]).isEqualTo("nogroup");
    assertCreatedFileOwnedBy(4242, 65534);
  }

  @Test
  void readOnlyRoot_bindsAccountsAndUsesTmpfsHome() throws Exception {
    String[] out = probe(DockerFixture.BUSYBOX, ALICE, true, List.of());

    assertThat(out).startsWith("alice", "alice", "devs", "/home/alice", "/home/alice", "home-ok", "[user]");
    assertCreatedFileOwnedBy(4242, 4343);
  }

  @Test
  void readOnlyRoot_staysReadOnlyAndAccountsFolderGoesWithTheContainer() throws Exception {
    SessionSpec spec = SessionSpec.builder(DockerFixture.BUSYBOX, ALICE)
        .labels(fixture.labels()).readOnlyRoot(true).build();
    Path accounts;
    try (ContainerSession session = ContainerSession.start(fixture.docker, spec, log::add)) {
      accounts = Path.of(fixture.docker.inspectContainerCmd(session.containerId()).exec()
          .getConfig().getLabels().get(ContainerLabels.ACCOUNTS_DIR));
      assertThat(accounts.resolve("passwd")).content().contains("alice:x:4242:4343:");
      ByteArrayOutputStream err = new ByteArrayOutputStream();
      int code = session.exec(ExecRequest.of(List.of("sh", "-c", "touch /etc/new-file")),
          null, DockerFixture.DISCARD, err);
      assertThat(code).isNotZero();
      assertThat(DockerFixture.text(err)).contains("Read-only file system");
    }
    assertThat(accounts).doesNotExist();
  }

  @Test
  void supplementaryAndExtraGroups_areInTheIdOfEveryExec() throws Exception {
    UserIdentity user = UserIdentity.of(4242, 4343, List.of(4343, 5555), "alice", "devs");

    String[] out = probe(DockerFixture.BUSYBOX, user, false, List.of("4444", "nogroup"));

    assertThat(out[out.length - 1].split(" ")).contains("4343", "5555", "4444", "65534");
  }
}
