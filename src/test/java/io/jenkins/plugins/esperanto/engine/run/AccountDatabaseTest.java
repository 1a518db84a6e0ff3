package io.jenkins.plugins.esperanto.engine.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Tests for {@link AccountDatabase}: the merge rules, then invariants over generated inputs. */
class AccountDatabaseTest {
  private static final UserIdentity ALICE = UserIdentity.of(4242, 4343, List.of(), "alice", "devs");
  private static final String PASSWD = "root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534::/nonexistent:/bin/false\n";
  private static final String GROUP = "root:x:0:\nnogroup:x:65534:\n";

  @Test
  void merge_appendsNewUserAndGroupKeepingImageLines() {
    AccountDatabase.Merged merged = AccountDatabase.merge(PASSWD, GROUP, ALICE);

    assertThat(merged.passwd()).isEqualTo(PASSWD + "alice:x:4242:4343:alice:/home/alice:/bin/sh\n");
    assertThat(merged.group()).isEqualTo(GROUP + "devs:x:4343:\n");
    assertThat(merged.home()).isEqualTo("/home/alice");
    assertThat(merged.homeFromImage()).isFalse();
  }

  @Test
  void merge_withoutImageFiles_createsBoth() {
    AccountDatabase.Merged merged = AccountDatabase.merge(null, "", ALICE);

    assertThat(merged.passwd()).isEqualTo("alice:x:4242:4343:alice:/home/alice:/bin/sh\n");
    assertThat(merged.group()).isEqualTo("devs:x:4343:\n");
  }

  @Test
  void merge_imageWithoutTrailingNewline_staysWellFormed() {
    AccountDatabase.Merged merged = AccountDatabase.merge("root:x:0:0::/root:/bin/sh", "root:x:0:", ALICE);

    assertThat(merged.passwd().split("\n")).hasSize(2);
    assertThat(merged.group()).isEqualTo("root:x:0:\ndevs:x:4343:\n");
  }

  @Test
  void merge_uidWithUnusableHome_rewritesOnlyThatHome() {
    UserIdentity nobody = UserIdentity.of(65534, 65534, List.of(), "bob", "bobs");

    AccountDatabase.Merged merged = AccountDatabase.merge(PASSWD, GROUP, nobody);

    assertThat(merged.userName()).isEqualTo("nobody");
    assertThat(merged.groupName()).isEqualTo("nogroup");
    assertThat(merged.passwd()).contains("nobody:x:65534:65534::/home/bob:/bin/false\n").startsWith("root:x:0:0:root:/root:/bin/sh\n");
  }

  @Test
  void merge_nameTakenTwice_picksTheNextFreeName() {
    String passwd = PASSWD + "alice:x:1:1::/home/alice:/bin/sh\nalice-4242:x:2:2::/x:/bin/sh\n";

    AccountDatabase.Merged merged = AccountDatabase.merge(passwd, GROUP, ALICE);

    assertThat(merged.userName()).isEqualTo("alice-4242-2");
    assertThat(merged.home()).isEqualTo("/home/alice-4242-2");
  }

  /** Generated cases from a fixed seed: repeatable, and wide enough to hit every branch. */
  static Stream<Arguments> generatedIdentities() {
    Random random = new Random(20261129L);
    return Stream.concat(
        Stream.of(Arguments.of(1, 1, 0), Arguments.of(70000, 70000, 3), Arguments.of(90000, 90000, 3)),
        Stream.generate(() -> Arguments.of(1 + random.nextInt(70000), 1 + random.nextInt(70000), random.nextInt(4)))
            .limit(200));
  }

  @ParameterizedTest(name = "uid {0}, gid {1}, {2} name clashes")
  @MethodSource("generatedIdentities")
  void merge_alwaysYieldsExactlyOneEntryForTheUidAndUniqueNames(int uid, int gid, int clashes) {
    StringBuilder passwd = new StringBuilder(PASSWD);
    StringBuilder group = new StringBuilder(GROUP);
    for (int i = 0; i < clashes; i++) {
      passwd.append(i == 0 ? "alice" : "alice-" + uid + (i == 1 ? "" : "-" + i)).append(":x:")
          .append(90000 + i).append(":0::/h:/bin/sh\n");
      group.append(i == 0 ? "devs" : "devs-" + gid + (i == 1 ? "" : "-" + i)).append(":x:")
          .append(90000 + i).append(":\n");
    }
    UserIdentity user = UserIdentity.of(uid, gid, List.of(), "alice", "devs");

    AccountDatabase.Merged merged = AccountDatabase.merge(passwd.toString(), group.toString(), user);

    assertThat(merged.passwd()).startsWith(PASSWD.substring(0, 30));
    List<String[]> users = Arrays.stream(merged.passwd().split("\n")).map(l -> l.split(":", -1)).toList();
    assertThat(users.stream().filter(f -> f[2].equals(Integer.toString(uid)))).hasSize(1);
    Set<String> names = users.stream().map(f -> f[0]).collect(Collectors.toSet());
    assertThat(names).hasSize(users.size()).contains(merged.userName());
    List<String[]> groups = Arrays.stream(merged.group().split("\n")).map(l -> l.split(":", -1)).toList();
    assertThat(groups.stream().filter(f -> f[2].equals(Integer.toString(gid)))).hasSize(1);
    assertThat(groups.stream().map(f -> f[0]).collect(Collectors.toSet())).hasSize(groups.size());
  }
}
