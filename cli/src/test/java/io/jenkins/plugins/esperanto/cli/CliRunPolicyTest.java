package io.jenkins.plugins.esperanto.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The run policy, end to end: an {@code image.yaml} that asks for the Docker socket, a path out
 * of home, a device, a privileged group or the host's network is refused before anything is
 * built or created, with one line naming the key and the setting; the same run passes once the
 * CLI widens the policy with a flag or {@code policy.yaml}.
 */
class CliRunPolicyTest {
  private static final String FIXTURE = "esperanto-fixture/busybox:latest";

  @TempDir Path workspace;
  @TempDir Path home;
  private String repository;
  private String image;
  private CliProcess cli;

  @BeforeEach
  void setUp() throws Exception {
    String id = UUID.randomUUID().toString().substring(0, 8);
    repository = "esperanto-clitest-" + id;
    image = "policy-" + id;
    Path docker = workspace.resolve("images/" + image + "/Docker");
    Files.createDirectories(docker);
    Files.writeString(docker.resolve("Dockerfile"), "FROM " + FIXTURE + "\n");
    cli = new CliProcess(workspace, Map.of("ESPERANTO_REPOSITORY", repository, "HOME", home.toString(),
        "XDG_CONFIG_HOME", home.resolve(".config").toString()));
  }

  @AfterEach
  void tearDown() throws Exception {
    Docker.removeTags(repository);
    Docker.removeTags("esperanto/" + image);
  }

  private void run(String... lines) throws Exception {
    Files.writeString(workspace.resolve("images/" + image + "/image.yaml"),
        "run:\n" + String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
  }

  private String spec() {
    return "images/" + image + "/image.yaml: ";
  }

  /** Refused with exactly one line, before anything was built or created. */
  private void assertRefused(CliProcess.Result result, String expected) throws Exception {
    assertThat(result.exitCode()).as(result.toString()).isNotZero();
    assertThat(result.stderr().strip().lines()).as(result.toString()).hasSize(1);
    assertThat(result.stderr()).contains(expected);
    assertThat(Docker.tags(repository)).isEmpty();
    assertThat(Docker.containersLabelled("io.esperanto.image", repository + "/")).isEmpty();
  }

  @Test
  void run_dockerSocket_refusedThenAllowedByFlag() throws Exception {
    run("  volumes: ['/var/run/docker.sock:/var/run/docker.sock']");

    assertRefused(cli.run("run", image, "--", "true"), spec()
        + "run.volumes '/var/run/docker.sock' is outside the workspace and home" + realSocket()
        + "; an administrator allows it with"
        + " 'Allowed host paths' (esperanto: allowedHostPaths), the CLI with --allow-host-path");

    CliProcess.Result allowed = cli.run("run", "--allow-host-path", "/var/run/docker.sock", image, "--",
        "test", "-S", "/var/run/docker.sock");
    assertThat(allowed.exitCode()).as(allowed.toString()).isZero();
    assertThat(Docker.containersLabelled("io.esperanto.image", repository + "/")).isEmpty();
  }

  /** How the message names the socket's real path, when /var/run is a link (to /run). */
  static String realSocket() throws java.io.IOException {
    Path real = Path.of("/var/run/docker.sock").toRealPath();
    return real.toString().equals("/var/run/docker.sock") ? "" : " (it is " + real + ")";
  }

  @Test
  void run_homeEscapes_refused() throws Exception {
    run("  volumes: ['~/../..:/host:ro']");
    assertRefused(cli.run("run", image, "--", "true"), spec() + "run.volumes '~/../..' is outside the workspace and home");

    Files.createSymbolicLink(home.resolve("escape"), Path.of("/etc"));
    run("  volumes: ['~/escape:/x:ro']");
    assertRefused(cli.run("run", image, "--", "true"),
        spec() + "run.volumes '~/escape' is outside the workspace and home (it is /etc)");
  }

  @Test
  void run_missingSourceOutsideHome_refusedAndNotCreated() throws Exception {
    Path outside = Path.of("/tmp", "esperanto-policy-" + UUID.randomUUID());
    run("  volumes: ['" + outside + "/missing:/m']");

    assertRefused(cli.run("run", image, "--", "true"), spec() + "run.volumes '" + outside + "/missing' is outside");
    assertRefused(cli.run("run", "--allow-host-path", outside.toString(), image, "--", "true"),
        spec() + "run.volumes '" + outside + "/missing' does not exist; only folders in the workspace or home are created");
    assertThat(outside).doesNotExist();
  }

  @Test
  void run_missingSourceInHome_createdByTheCaller() throws Exception {
    run("  volumes: ['~/cache/tool:/cache']");

    CliProcess.Result result = cli.run("run", image, "--", "sh", "-c", "touch /cache/x");

    assertThat(result.exitCode()).as(result.toString()).isZero();
    assertThat(home.resolve("cache/tool/x")).exists();
  }

  @Test
  void run_deviceGroupAndNetwork_refusedThenAllowedByPolicyFile() throws Exception {
    run("  devices: [/dev/null]");
    assertRefused(cli.run("run", image, "--", "true"),
        spec() + "run.devices '/dev/null' is a host device, refused by default; an administrator allows it with"
            + " 'Allowed devices' (esperanto: allowedDevices), the CLI with --allow-device");
    run("  groups: [docker]");
    assertRefused(cli.run("run", image, "--", "true"), spec() + "run.groups 'docker' is a privileged group");
    run("  groups: ['6']");
    assertRefused(cli.run("run", image, "--", "true"), spec() + "run.groups '6' is a privileged group");
    run("  network: host");
    assertRefused(cli.run("run", image, "--", "true"), spec() + "run.network 'host' shares the network of the host"
        + " or of another container; an administrator allows it with 'Allowed networks' (esperanto: allowedNetworks)");

    Path policy = home.resolve(".config/esperanto/policy.yaml");
    Files.createDirectories(policy.getParent());
    Files.writeString(policy, "allowedDevices: [/dev/null]\nallowedGroups: [6]\nallowedNetworks: [host]\n");
    run("  devices: [/dev/null]", "  groups: ['6']", "  network: host");
    CliProcess.Result allowed = cli.run("run", image, "--", "sh", "-c", "id -G; hostname");

    assertThat(allowed.exitCode()).as(allowed.toString()).isZero();
    assertThat(allowed.stdout().lines().toList().get(0).split(" ")).contains("6");
    assertThat(allowed.stdout().lines().toList().get(1))
        .isEqualTo(Files.readString(Path.of("/proc/sys/kernel/hostname")).strip());
  }

  @Test
  void run_badPolicyFile_oneLineNamingIt() throws Exception {
    run("  env: {A: b}");
    Path policy = home.resolve(".config/esperanto/policy.yaml");
    Files.createDirectories(policy.getParent());
    Files.writeString(policy, "allowedHostPath: [/x]\n");

    assertRefused(cli.run("run", image, "--", "true"), policy + ": unknown key 'allowedHostPath'");
  }

  /**
   * A uid without a passwd entry and without HOME has no home: the JVM's user.home is then "?",
   * a relative path, so ~/.config/esperanto/policy.yaml must not be read from "./?" of the
   * checkout (which would widen the policy) nor a ~ volume be created there.
   */
  @Test
  void run_userWithoutHome_noPolicyFileOrHomeInTheCurrentFolder() throws Exception {
    int uid = 4252;
    int gid = 4253;
    int dockerGid = (Integer) Files.getAttribute(Path.of("/var/run/docker.sock"), "unix:gid");
    Path readable = Files.createDirectories(workspace.resolve("classpath"));
    Files.setPosixFilePermissions(workspace, PosixFilePermissions.fromString("rwxrwxrwx"));
    Path planted = workspace.resolve("?/.config/esperanto/policy.yaml");
    Files.createDirectories(planted.getParent());
    Files.writeString(planted, "allowedHostPaths: ['*']\n");
    CliProcess homeless = new CliProcess(workspace, Map.of("ESPERANTO_REPOSITORY", repository))
        .asUser(uid, gid, List.of(dockerGid), readable).unsetting("HOME", "XDG_CONFIG_HOME");

    run("  volumes: ['/var/run/docker.sock:/var/run/docker.sock']");
    assertRefused(homeless.run("run", image, "--", "true"),
        spec() + "run.volumes '/var/run/docker.sock' is outside the workspace and home");

    run("  volumes: ['~/cache:/cache']");
    assertRefused(homeless.run("run", image, "--", "true"), spec() + "run.volumes '~/cache' starts with ~, but this"
        + " user has no home folder (HOME is unset and the uid has no passwd entry); set HOME or give an absolute path");
    assertThat(workspace.resolve("?/cache")).doesNotExist();
  }
}
