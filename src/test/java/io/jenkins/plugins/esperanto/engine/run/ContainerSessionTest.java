package io.jenkins.plugins.esperanto.engine.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Tests for {@link ContainerSession} against the real Docker Engine. */
class ContainerSessionTest {
  private static final UserIdentity USER = UserIdentity.of(4242, 4343, List.of(), "alice", "devs");
  @RegisterExtension static final DockerFixture fixture = DockerFixture.connect();
  private final List<String> log = Collections.synchronizedList(new ArrayList<>());

  private SessionSpec.Builder spec(String image) {
    return SessionSpec.builder(image, USER).labels(fixture.labels());
  }

  private static String run(ContainerSession session, String script) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = session.exec(ExecRequest.of(List.of("sh", "-c", script)), null, out, err);
    assertThat(code).as("exit code of %s, stderr %s", script, DockerFixture.text(err)).isZero();
    return DockerFixture.text(out);
  }

  @Test
  void exec_returnsExitCodeAndKeepsStreamsSeparate() throws Exception {
    try (ContainerSession session = ContainerSession.start(fixture.docker, spec(DockerFixture.BUSYBOX).build(), log::add)) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      ByteArrayOutputStream err = new ByteArrayOutputStream();
      int code = session.exec(ExecRequest.of(List.of("sh", "-c", "echo out; echo err >&2; exit 3")),
          null, out, err);

      assertThat(code).isEqualTo(3);
      assertThat(DockerFixture.text(out)).isEqualTo("out\n");
      assertThat(DockerFixture.text(err)).isEqualTo("err\n");
    }
    assertThat(fixture.containers()).isEmpty();
  }

  @Test
  void exec_passesEnvWorkdirUserAndStdin() throws Exception {
    try (ContainerSession session = ContainerSession.start(fixture.docker, spec(DockerFixture.BUSYBOX).build(), log::add)) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      ExecRequest request = ExecRequest.of(List.of("sh", "-c", "echo \"$GREETING\"; pwd; id -u; cat"))
          .withEnv(Map.of("GREETING", "hello world $x"))
          .withWorkdir("/tmp")
          .withUser("0:0");
      int code = session.exec(request,
          new ByteArrayInputStream("from stdin\n".getBytes(StandardCharsets.UTF_8)), out, DockerFixture.DISCARD);

      assertThat(code).isZero();
      assertThat(DockerFixture.text(out)).isEqualTo("hello world $x\n/tmp\n0\nfrom stdin\n");
    }
  }

  @Test
  void exec_envValueIsNeitherOnAHostCommandLineNorInTheContainerConfig() throws Exception {
    String secret = "s3cret-" + UUID.randomUUID();
    try (ContainerSession session = ContainerSession.start(fixture.docker, spec(DockerFixture.BUSYBOX).build(), log::add)) {
      CompletableFuture<Integer> running = CompletableFuture.supplyAsync(() -> {
        try {
          // The script compares through the environment too: the secret is in no argv.
          return session.exec(ExecRequest.of(List.of("sh", "-c", "[ \"$TOKEN\" = \"$EXPECTED\" ] && sleep 2"))
              .withEnv(Map.of("TOKEN", secret, "EXPECTED", secret)), null, DockerFixture.DISCARD, DockerFixture.DISCARD);
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
      });
      boolean sawSleep = false;
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
      while (System.nanoTime() < deadline && !running.isDone()) {
        for (String cmdline : hostCommandLines()) {
          assertThat(cmdline).doesNotContain(secret);
          sawSleep |= cmdline.equals("sleep 2");
        }
      }
      assertThat(sawSleep).as("the exec'd command was seen in the host's process list").isTrue();
      assertThat(running.get(10, TimeUnit.SECONDS)).isZero();
      assertThat(fixture.docker.inspectContainerCmd(session.containerId()).exec().getConfig().getEnv())
          .noneMatch(e -> e.contains(secret));
    }
  }

  private static List<String> hostCommandLines() throws Exception {
    List<String> lines = new ArrayList<>();
    try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
      for (Path p : procs.filter(p -> p.getFileName().toString().matches("\\d+")).toList()) {
        try {
          lines.add(new String(Files.readAllBytes(p.resolve("cmdline")), StandardCharsets.UTF_8)
              .replace('\0', ' ').trim());
        } catch (java.io.IOException e) {
          // Process ended meanwhile.
        }
      }
    }
    return lines;
  }

  @Test
  void start_runsTheImageEntrypointSetupBeforeAnyCommand() throws Exception {
    String image = fixture.buildImage("setup-entrypoint",
        "RUN printf '#!/bin/sh\\necho setting up\\nsleep 1\\necho done > /tmp/setup-done\\nexec \"$@\"\\n'"
            + " > /entrypoint && chmod 755 /entrypoint\nENTRYPOINT [\"/entrypoint\"]");
    try (ContainerSession session = ContainerSession.start(fixture.docker, spec(image).build(), log::add)) {
      assertThat(run(session, "cat /tmp/setup-done")).isEqualTo("done\n");
    }
    assertThat(log).contains("[entrypoint] setting up");
  }

  @Test
  void start_fallsBackWhenTheEntrypointIgnoresItsArguments() throws Exception {
    String image = fixture.buildImage("exiting-entrypoint", "ENTRYPOINT [\"/bin/echo\", \"one-shot\"]");
    try (ContainerSession session = ContainerSession.start(fixture.docker, spec(image).build(), log::add)) {
      assertThat(run(session, "whoami")).isEqualTo("alice\n");
      assertThat(fixture.containers()).containsExactly(session.containerId());
    }
    assertThat(log).anyMatch(l -> l.contains("did not run its arguments"));
    assertThat(fixture.containers()).isEmpty();
  }

  @Test
  void start_withoutShellFailsInOneLineAndLeavesNothing() throws Exception {
    String image = fixture.buildImage("no-shell", "RUN rm /bin/sh");
    ContainerRunException e = assertThrows(ContainerRunException.class,
        () -> ContainerSession.start(fixture.docker, spec(image).startTimeout(java.time.Duration.ofSeconds(5)).build(), log::add));

    assertThat(e.getMessage()).contains(image).contains("/bin/sh").doesNotContain("\n");
    assertThat(fixture.containers()).isEmpty();
  }

  @Test
  void killProcessesWithEnv_killsOnlyMatchingProcessesWithoutPs() throws Exception {
    String image = fixture.buildImage("no-ps", "RUN rm -f /bin/ps /bin/pgrep /bin/pkill /bin/killall /bin/pidof /bin/top");
    try (ContainerSession session = ContainerSession.start(fixture.docker, spec(image).build(), log::add)) {
      assertThat(run(session, "for f in /bin/ps /bin/pgrep /bin/pkill /bin/killall; do [ -e $f ] && echo $f; done; echo none")).isEqualTo("none\n");
      CompletableFuture<Integer> victim = execAsync(session, "COOKIE", "abc123", "sleep 300 & sleep 300 & wait");
      CompletableFuture<Integer> bystander = execAsync(session, "COOKIE", "abc1234", "sleep 300");
      awaitProcessCount(session, 4);

      int killed = session.killProcessesWithEnv("COOKIE", "abc123");

      assertThat(killed).isEqualTo(3);
      assertThat(victim.get(10, TimeUnit.SECONDS)).isEqualTo(137);
      assertThat(bystander).isNotDone();
      assertThat(run(session, "echo alive")).isEqualTo("alive\n");
      assertThat(session.killProcessesWithEnv("COOKIE", "abc1234")).isEqualTo(1);
      assertThat(bystander.get(10, TimeUnit.SECONDS)).isEqualTo(137);
    }
  }

  @Test
  void killProcessesWithEnv_sparesTheKeepAliveByIdentity_notByItsCommandLine() throws Exception {
    try (ContainerSession session = ContainerSession.start(fixture.docker, spec(DockerFixture.BUSYBOX).build(), log::add)) {
      // A build process that merely names itself like the keep-alive must still be killable.
      CompletableFuture<Integer> imitator = execAsync(session, "COOKIE", "imitator",
          "exec sh -c 'sleep 300; :' " + ContainerSession.KEEPALIVE_TAG);
      awaitProcessCount(session, 2);

      int killed = session.killProcessesWithEnv("COOKIE", "imitator");

      assertThat(killed).isPositive();
      assertThat(imitator.get(10, TimeUnit.SECONDS)).isEqualTo(137);
      assertThat(run(session, "echo alive")).isEqualTo("alive\n");
    }
  }

  /** An entrypoint that exports a variable, sets umask 0002 and records who ran it, then hands over. */
  static String setupEntrypointImage(DockerFixture fixture) throws Exception {
    return fixture.buildImage("umask-entrypoint",
        "RUN printf '#!/bin/sh\\nexport FROM_ENTRYPOINT=set-up\\numask 0002\\nid -u >> \"$HOME/entrypoint-ran\"\\n"
            + "exec \"$@\"\\n' > /entrypoint && chmod 755 /entrypoint\nENTRYPOINT [\"/entrypoint\"]");
  }

  @Test
  void exec_seesTheEnvironmentAndUmaskTheEntrypointSetUp_andTheRequestsOwnVariablesWin() throws Exception {
    String image = setupEntrypointImage(fixture);
    try (ContainerSession session = ContainerSession.start(fixture.docker, spec(image).build(), log::add)) {
      String script = "echo \"$FROM_ENTRYPOINT\"; umask; touch \"$HOME/made\"; stat -c %a \"$HOME/made\";"
          + " cat \"$HOME/entrypoint-ran\"";
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      session.exec(ExecRequest.of(List.of("sh", "-c", "echo \"$FROM_ENTRYPOINT\"")).withEnv(Map.of("FROM_ENTRYPOINT",
          "from-step")), null, out, DockerFixture.DISCARD);
      ContainerSession again = ContainerSession.reattach(fixture.docker, session.containerId());

      assertThat(run(session, script)).isEqualTo("set-up\n0002\n664\n4242\n");
      assertThat(DockerFixture.text(out)).isEqualTo("from-step\n");
      assertThat(run(again, "echo \"$FROM_ENTRYPOINT\"; umask")).isEqualTo("set-up\n0002\n");
    }
  }

  private static CompletableFuture<Integer> execAsync(ContainerSession session, String name, String value, String script) {
    return CompletableFuture.supplyAsync(() -> {
      try {
        return session.exec(ExecRequest.of(List.of("sh", "-c", script)).withEnv(Map.of(name, value)),
            null, DockerFixture.DISCARD, DockerFixture.DISCARD);
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    });
  }

  /** Waits until the sleeps (and their shells) run: PID 1, keep-alive, and {@code extra} more. */
  private static void awaitProcessCount(ContainerSession session, int extra) throws Exception {
    for (int i = 0; i < 100; i++) {
      String count = run(session, "n=0; for p in /proc/[0-9]*; do n=$((n+1)); done; echo $n").trim();
      // The counting shell itself is one of them.
      if (Integer.parseInt(count) >= 2 + extra + 1) {
        return;
      }
      Thread.sleep(50);
    }
    throw new AssertionError("processes did not start");
  }

  @Test
  void start_appliesDevicesShmNetworkAndVolumesFrom() throws Exception {
    String volumeOwner = fixture.docker.createContainerCmd(DockerFixture.BUSYBOX)
        .withLabels(fixture.labels()).withVolumes(new com.github.dockerjava.api.model.Volume("/shared"))
        .withCmd("true").exec().getId();
    SessionSpec spec = spec(DockerFixture.BUSYBOX)
        .device("/dev/null:/dev/esperanto-null:rw")
        .shmSize(96L * 1024 * 1024)
        .network("none")
        .volumesFrom(volumeOwner)
        .build();
    try (ContainerSession session = ContainerSession.start(fixture.docker, spec, log::add)) {
      String out = run(session, "[ -c /dev/esperanto-null ] && echo device;"
          + " df -k /dev/shm | tail -1 | awk '{print $2}'; ls /sys/class/net; [ -d /shared ] && echo shared");

      assertThat(out).isEqualTo("device\n98304\nlo\nshared\n");
    } finally {
      RemoveContainerStep.quietly(fixture.docker, volumeOwner);
    }
  }

  @Test
  void start_withoutKeepAliveRunsTheCommandAsMainProcess() throws Exception {
    SessionSpec spec = spec(DockerFixture.BUSYBOX).keepAlive(false)
        .command(List.of("sh", "-c", "echo main > /tmp/main; exec sleep 60")).build();
    String id;
    try (ContainerSession session = ContainerSession.start(fixture.docker, spec, log::add)) {
      id = session.containerId();
      assertThat(run(session, "sleep 0.3; cat /tmp/main")).isEqualTo("main\n");
    }
    assertThat(fixture.containers()).doesNotContain(id);
  }

  @Test
  void close_isIdempotentAndQuietWhenTheContainerIsAlreadyGone() throws Exception {
    ContainerSession session = ContainerSession.start(fixture.docker, spec(DockerFixture.BUSYBOX).build(), log::add);
    fixture.docker.removeContainerCmd(session.containerId()).withForce(true).exec();

    session.close();
    session.close();

    assertThat(fixture.containers()).isEmpty();
  }

  @Test
  void reattach_executesInTheSameContainer() throws Exception {
    try (ContainerSession first = ContainerSession.start(fixture.docker, spec(DockerFixture.BUSYBOX).build(), log::add)) {
      run(first, "echo marker > /tmp/m");
      ContainerSession second = ContainerSession.reattach(fixture.docker, first.containerId());

      assertThat(run(second, "cat /tmp/m")).isEqualTo("marker\n");
    }
  }

  @Test
  void reattach_toAMissingContainerNamesIt() {
    ContainerRunException e = assertThrows(ContainerRunException.class,
        () -> ContainerSession.reattach(fixture.docker, "esperanto-no-such-container"));

    assertThat(e.getMessage()).contains("esperanto-no-such-container").contains("no longer exists");
  }

  @Test
  void start_withMissingImageNamesItAndLeavesNothing() {
    String image = fixture.runId + "/absent:1";
    MissingImageException e = assertThrows(MissingImageException.class,
        () -> ContainerSession.start(fixture.docker, spec(image).build(), log::add));

    assertThat(e.getMessage()).contains("'" + image + "'").doesNotContain("\n");
    assertThat(fixture.containers()).isEmpty();
  }

  @Test
  void start_withMissingMountSourceNamesItAndLeavesNothing() {
    String missing = "/tmp/" + fixture.runId + "-does-not-exist";
    MissingMountSourceException e = assertThrows(MissingMountSourceException.class,
        () -> ContainerSession.start(fixture.docker,
            spec(DockerFixture.BUSYBOX).mount(Mount.samePath(missing)).build(), log::add));

    assertThat(e.getMessage()).contains("'" + missing + "'").doesNotContain("\n");
    assertThat(Path.of(missing)).doesNotExist();
    assertThat(fixture.containers()).isEmpty();
  }

  @Test
  void start_withBadGroupFailsInOneLineAndLeavesNothing() {
    ContainerRunException e = assertThrows(ContainerRunException.class,
        () -> ContainerSession.start(fixture.docker,
            spec(DockerFixture.BUSYBOX).extraGroups(List.of("no-such-group")).build(), log::add));

    assertThat(e.getMessage()).contains("no-such-group").doesNotContain("\n");
    assertThat(fixture.containers()).isEmpty();
  }

  @Test
  void start_labelsTheContainerWithItsOwner() throws Exception {
    try (ContainerSession session = ContainerSession.start(fixture.docker, spec(DockerFixture.BUSYBOX).build(), log::add)) {
      Map<String, String> labels =
          fixture.docker.inspectContainerCmd(session.containerId()).exec().getConfig().getLabels();

      assertThat(labels)
          .containsEntry(ContainerLabels.OWNER_PID, Long.toString(ProcessHandle.current().pid()))
          .containsEntry(ContainerLabels.IMAGE, DockerFixture.BUSYBOX)
          .containsEntry(ContainerLabels.ROLE, "session")
          .containsEntry(DockerFixture.TEST_LABEL, fixture.runId)
          .containsKeys(ContainerLabels.OWNER_HOST, ContainerLabels.OWNER_START, ContainerLabels.STARTED);
      assertThat(java.time.Instant.parse(labels.get(ContainerLabels.STARTED))).isBefore(java.time.Instant.now());
    }
  }
}
