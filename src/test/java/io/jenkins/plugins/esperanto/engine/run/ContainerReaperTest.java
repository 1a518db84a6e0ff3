package io.jenkins.plugins.esperanto.engine.run;

import static org.assertj.core.api.Assertions.assertThat;

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

  @Test
  void ownerIsGone_isFalseForThisProcessAndTrueAfterReboot() {
    OwnerProcess self = OwnerProcess.current();
    Map<String, String> labels = new HashMap<>(self.labels("run", "img"));

    assertThat(self.ownerIsGone(labels)).isFalse();
    labels.put(ContainerLabels.OWNER_BOOT, "another-boot");
    assertThat(self.ownerIsGone(labels)).isTrue();
  }
}
