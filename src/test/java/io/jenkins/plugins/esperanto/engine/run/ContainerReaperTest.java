package io.jenkins.plugins.esperanto.engine.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Tests for {@link ContainerReaper} with real containers whose owners are dead or alive. */
class ContainerReaperTest {
  @RegisterExtension static final DockerFixture fixture = DockerFixture.connect();

  private String create(Map<String, String> ownerLabels) {
    Map<String, String> labels = new HashMap<>(ownerLabels);
    labels.putAll(fixture.labels());
    return fixture.docker.createContainerCmd(DockerFixture.BUSYBOX).withLabels(labels)
        .withCmd("true").exec().getId();
  }

  static long deadPid() throws Exception {
    Process process = new ProcessBuilder("true").start();
    process.waitFor();
    return process.pid();
  }

  @Test
  void reap_removesOnlyContainersOfGoneOwnersOnThisHost() throws Exception {
    Map<String, String> alive = OwnerProcess.current().labels("session", DockerFixture.BUSYBOX);
    Map<String, String> dead = new HashMap<>(alive);
    dead.put(ContainerLabels.OWNER_PID, Long.toString(deadPid()));
    Map<String, String> reusedPid = new HashMap<>(alive);
    reusedPid.put(ContainerLabels.OWNER_START, "1");
    Map<String, String> otherHost = new HashMap<>(dead);
    otherHost.put(ContainerLabels.OWNER_HOST, "some-other-host");
    otherHost.put(ContainerLabels.OWNER_BOOT, "00000000-0000-4000-8000-000000000004");
    otherHost.put(ContainerLabels.OWNER_MACHINE, "fedcba9876543210fedcba9876543210");

    String deadOwner = create(dead);
    String reused = create(reusedPid);
    String live = create(alive);
    String remote = create(otherHost);
    String unlabelled = create(Map.of());

    List<String> dryLog = new ArrayList<>();
    List<String> wouldRemove = ContainerReaper.findOrphans(fixture.docker, dryLog::add);
    assertThat(wouldRemove).contains(deadOwner, reused).doesNotContain(live, remote, unlabelled);
    assertThat(fixture.containers()).contains(deadOwner, reused);
    assertThat(dryLog).anyMatch(l -> l.startsWith("Would remove " + deadOwner.substring(0, 12)));

    List<String> log = new ArrayList<>();
    List<String> removed = ContainerReaper.reap(fixture.docker, log::add);

    assertThat(removed).contains(deadOwner, reused).doesNotContain(live, remote, unlabelled);
    assertThat(fixture.containers()).containsExactlyInAnyOrder(live, remote, unlabelled);
    assertThat(log).anyMatch(l -> l.startsWith("Removing " + reused.substring(0, 12)));
  }

  /** A running container, labelled as if created by the owner {@code ownerLabels} describe. */
  private String running(Map<String, String> ownerLabels) {
    Map<String, String> labels = new HashMap<>(ownerLabels);
    labels.putAll(fixture.labels());
    String id = fixture.docker.createContainerCmd(DockerFixture.BUSYBOX).withLabels(labels)
        .withCmd("sleep", "600").exec().getId();
    fixture.docker.startContainerCmd(id).exec();
    return id;
  }

  private static Map<String, String> withDeadPid(Map<String, String> labels) throws Exception {
    Map<String, String> copy = new HashMap<>(labels);
    copy.put(ContainerLabels.OWNER_PID, Long.toString(deadPid()));
    return copy;
  }

  @Test
  void reap_keepsRunningContainersOfOtherMachinesNamespacesAndOldLabels() throws Exception {
    Map<String, String> mine = OwnerProcess.current().labels("session", DockerFixture.BUSYBOX);
    // Same host name, another kernel: two hosts named alike sharing one daemon.
    Map<String, String> otherMachine = withDeadPid(mine);
    otherMachine.put(ContainerLabels.OWNER_BOOT, "00000000-0000-4000-8000-000000000001");
    otherMachine.put(ContainerLabels.OWNER_MACHINE, "0123456789abcdef0123456789abcdef");
    // Same kernel, another PID namespace: an agent container sharing the host's UTS and socket.
    Map<String, String> otherNamespace = withDeadPid(mine);
    otherNamespace.put(ContainerLabels.OWNER_PIDNS, "pid:[4026530001]");
    // Labels written before the machine id and PID namespace were recorded.
    Map<String, String> oldFormat = withDeadPid(mine);
    oldFormat.remove(ContainerLabels.OWNER_MACHINE);
    oldFormat.remove(ContainerLabels.OWNER_PIDNS);
    oldFormat.put(ContainerLabels.OWNER_BOOT, "00000000-0000-4000-8000-000000000002");
    Map<String, String> oldSameBoot = withDeadPid(mine);
    oldSameBoot.remove(ContainerLabels.OWNER_MACHINE);
    oldSameBoot.remove(ContainerLabels.OWNER_PIDNS);
    String remote = running(otherMachine);
    String namespaced = running(otherNamespace);
    String old = running(oldFormat);
    String oldHere = running(oldSameBoot);
    String deadHere = running(withDeadPid(mine));
    Map<String, String> rebooted = withDeadPid(mine);
    rebooted.put(ContainerLabels.OWNER_BOOT, "00000000-0000-4000-8000-000000000003");
    String beforeReboot = running(rebooted);

    List<String> dryLog = new ArrayList<>();
    assertThat(ContainerReaper.findOrphans(fixture.docker, dryLog::add))
        .contains(deadHere, beforeReboot).doesNotContain(remote, namespaced, old, oldHere);
    assertThat(dryLog).anyMatch(l -> l.startsWith("Would remove " + deadHere.substring(0, 12)) && l.contains("not running"));
    assertThat(dryLog).anyMatch(l -> l.startsWith("Would remove " + beforeReboot.substring(0, 12)) && l.contains("rebooted"));
    assertThat(dryLog).anyMatch(l -> l.startsWith("Would keep " + remote.substring(0, 12)) && l.contains("another machine"));
    assertThat(dryLog).anyMatch(l -> l.startsWith("Would keep " + namespaced.substring(0, 12)) && l.contains("PID namespace"));
    assertThat(fixture.containers()).contains(deadHere, beforeReboot);

    List<String> removed = ContainerReaper.reap(fixture.docker, line -> { });

    assertThat(removed).contains(deadHere, beforeReboot).doesNotContain(remote, namespaced, old, oldHere);
    assertThat(fixture.containers()).contains(remote, namespaced, old, oldHere).doesNotContain(deadHere, beforeReboot);
    for (String id : List.of(remote, namespaced, old, oldHere)) {
      assertThat(fixture.docker.inspectContainerCmd(id).exec().getState().getRunning()).isTrue();
      RemoveContainerStep.quietly(fixture.docker, id);
    }
  }

  /**
   * A real second PID namespace ({@code unshare --pid --fork}): its process is pid 1 there, and
   * pid 1 here is another process, which the old check took for a reused pid.
   */
  @Test
  void reap_keepsTheContainerOfALiveOwnerInAnotherPidNamespace() throws Exception {
    Process owner = new ProcessBuilder("unshare", "--pid", "--fork", "--mount-proc", "sleep", "600")
        .redirectErrorStream(true).start();
    try {
      long sleeper = waitForChild(owner.pid());
      Map<String, String> labels = OwnerProcess.current().labels("session", DockerFixture.BUSYBOX);
      labels.put(ContainerLabels.OWNER_PID, "1");
      labels.put(ContainerLabels.OWNER_START, OwnerProcess.startTicks(sleeper).orElseThrow());
      labels.put(ContainerLabels.OWNER_PIDNS,
          Files.readSymbolicLink(Path.of("/proc", Long.toString(sleeper), "ns", "pid")).toString());
      assertThat(labels.get(ContainerLabels.OWNER_PIDNS))
          .isNotEqualTo(Files.readSymbolicLink(Path.of("/proc/self/ns/pid")).toString());
      String id = running(labels);

      assertThat(ContainerReaper.reap(fixture.docker, line -> { })).doesNotContain(id);
      assertThat(fixture.docker.inspectContainerCmd(id).exec().getState().getRunning()).isTrue();
      RemoveContainerStep.quietly(fixture.docker, id);
    } finally {
      owner.descendants().forEach(ProcessHandle::destroyForcibly);
      owner.destroyForcibly().waitFor();
    }
  }

  /** The pid (here) of the first child of {@code parent}: the process unshare forked into the new namespace. */
  private static long waitForChild(long parent) throws Exception {
    for (int i = 0; i < 100; i++) {
      java.util.Optional<ProcessHandle> child = ProcessHandle.of(parent).flatMap(p -> p.children().findFirst());
      if (child.isPresent()) {
        return child.get().pid();
      }
      Thread.sleep(50);
    }
    throw new AssertionError("unshare started no child");
  }

  @Test
  void ownerIsGone_isFalseForThisProcessAndTrueAfterARebootOfThisMachine() {
    OwnerProcess self = OwnerProcess.current();
    Map<String, String> labels = new HashMap<>(self.labels("run", "img"));

    assertThat(self.ownerIsGone(labels)).isFalse();
    labels.put(ContainerLabels.OWNER_BOOT, "another-boot");
    assertThat(self.ownerIsGone(labels)).isTrue();
    labels.put(ContainerLabels.OWNER_MACHINE, "another-machine");
    assertThat(self.ownerIsGone(labels)).isFalse();
  }
}
