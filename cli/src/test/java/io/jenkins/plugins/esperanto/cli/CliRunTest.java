package io.jenkins.plugins.esperanto.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code esperanto run}, end to end: real command, real Docker Engine, real user mapping. */
class CliRunTest {
  private static final String FIXTURE = "esperanto-fixture/busybox:latest";

  @TempDir Path workspace;
  private String repository;
  private String image;
  private CliProcess cli;

  @BeforeEach
  void setUp() throws Exception {
    String id = UUID.randomUUID().toString().substring(0, 8);
    repository = "esperanto-clitest-" + id;
    image = "tools-" + id;
    Path docker = workspace.resolve("images/" + image + "/Docker");
    Files.createDirectories(docker);
    Files.writeString(docker.resolve("Dockerfile"), "FROM " + FIXTURE + "\n"
        + "COPY entrypoint /entrypoint\nRUN chmod 755 /entrypoint\nENTRYPOINT [\"/entrypoint\"]\n");
    // an entrypoint that does setup of its own, then runs the command it is given
    Files.writeString(docker.resolve("entrypoint"), "#!/bin/sh\nexport FROM_ENTRYPOINT=yes\nexec \"$@\"\n");
    Files.writeString(workspace.resolve("images/" + image + "/image.yaml"), String.join("\n",
        "run:",
        "  env: {FROM_YAML: 'a b $c'}",
        "commands:",
        "  greet: 'echo \"hello $*\" from $(pwd)'",
        "  args: [sh, -c, 'echo \"[$0] [$1]\"']",
        ""), StandardCharsets.UTF_8);
    cli = new CliProcess(workspace, Map.of("ESPERANTO_REPOSITORY", repository, "PASSED_THROUGH", "from-caller"));
  }

  @AfterEach
  void tearDown() throws Exception {
    Docker.removeTags(repository);
    Docker.removeTags("esperanto/" + image);
  }

  @Test
  void run_exitCodeAndSeparateStreams() throws Exception {
    CliProcess.Result result = cli.run("run", image, "--", "sh", "-c", "echo to-out; echo to-err >&2; exit 7");
    assertThat(result.exitCode()).as(result.toString()).isEqualTo(7);
    assertThat(result.stdout()).isEqualTo("to-out\n");
    assertThat(result.stderr()).contains("to-err").doesNotContain("to-out");
    assertThat(Docker.containersLabelled("io.esperanto.image", repository + "/")).isEmpty();
  }

  @Test
  void run_entrypointWorkspaceAndEnvironment() throws Exception {
    CliProcess.Result result = cli.run("run", "-e", "SET_HERE=1", "-e", "PASSED_THROUGH", "-e", "NOT_SET_ANYWHERE",
        image, "--", "sh", "-c",
        "echo $FROM_ENTRYPOINT; echo \"$FROM_YAML\"; echo $SET_HERE; echo $PASSED_THROUGH; echo ${NOT_SET_ANYWHERE-unset}; pwd");
    assertThat(result.exitCode()).as(result.toString()).isZero();
    assertThat(result.stdout().lines()).containsExactly(
        "yes", "a b $c", "1", "from-caller", "unset", workspace.toRealPath().toString());
  }

  @Test
  void run_namedCommand_withExtraArguments() throws Exception {
    CliProcess.Result greet = cli.run("run", image, "greet", "world");
    assertThat(greet.exitCode()).as(greet.toString()).isZero();
    assertThat(greet.stdout()).isEqualTo("hello world from " + workspace.toRealPath() + "\n");

    CliProcess.Result args = cli.run("run", image, "args", "one two");
    assertThat(args.stdout()).as(args.toString()).isEqualTo("[one two] []\n");

    // after --, a command's name is just a program name
    CliProcess.Result literal = cli.run("run", image, "--", "greet");
    assertThat(literal.exitCode()).as(literal.toString()).isNotZero();
  }

  @Test
  void run_asUnprivilegedUser_createsFilesOwnedByThatUser() throws Exception {
    int uid = 4242;
    int gid = 4343;
    int dockerGid = (Integer) Files.getAttribute(Path.of("/var/run/docker.sock"), "unix:gid");
    Path home = Files.createDirectories(workspace.resolve("home"));
    Path readable = Files.createDirectories(workspace.resolve("classpath"));
    Files.setPosixFilePermissions(workspace, PosixFilePermissions.fromString("rwxrwxrwx"));
    for (Path dir : List.of(home, workspace.resolve("images"))) {
      chownTree(dir, uid, gid);
    }
    CliProcess user = new CliProcess(workspace, Map.of("ESPERANTO_REPOSITORY", repository, "HOME", home.toString()))
        .asUser(uid, gid, List.of(dockerGid), readable);

    CliProcess.Result result = user.run("run", image, "--", "sh", "-c",
        "id -u; id -g; whoami; id -un; echo $HOME; cd ~ && echo '[user]' > .gitconfig && cat ~/.gitconfig; "
            + "cd - >/dev/null; mkdir -p out/sub && touch out/sub/made-here");
    assertThat(result.exitCode()).as(result.toString()).isZero();
    List<String> lines = result.stdout().lines().toList();
    assertThat(lines.subList(0, 2)).containsExactly("4242", "4343");
    assertThat(lines.get(2)).isEqualTo(lines.get(3)).doesNotContain("no name").isNotBlank();
    assertThat(lines.get(4)).startsWith("/");
    assertThat(lines.get(5)).isEqualTo("[user]");
    for (Path created : List.of(workspace.resolve("out"), workspace.resolve("out/sub"), workspace.resolve("out/sub/made-here"))) {
      assertThat(Files.getAttribute(created, "unix:uid")).as(created.toString()).isEqualTo(uid);
      assertThat(Files.getAttribute(created, "unix:gid")).as(created.toString()).isEqualTo(gid);
    }
  }

  @Test
  void run_interactive_feedsStandardInput_andWithoutItTheCommandSeesNone() throws Exception {
    Process piped = cli.start(List.of("run", "-i", image, "--", "sh", "-c", "tr a-z A-Z"));
    piped.getOutputStream().write("hello\n".getBytes(StandardCharsets.UTF_8));
    piped.getOutputStream().close();
    assertThat(piped.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(new String(piped.getInputStream().readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("HELLO\n");
    assertThat(piped.exitValue()).isZero();

    // without -i, as docker run: standard input is not attached, so a reader sees end of input at once
    Process detached = cli.start(List.of("run", image, "--", "sh", "-c", "cat; echo done"));
    assertThat(detached.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(new String(detached.getInputStream().readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("done\n");
  }

  @Test
  void run_sigterm_removesTheContainer() throws Exception {
    Process process = cli.start(List.of("run", image, "--", "sh", "-c", "echo started; sleep 300"));
    try {
      String first = new String(process.getInputStream().readNBytes("started\n".length()), StandardCharsets.UTF_8);
      assertThat(first).isEqualTo("started\n");
      assertThat(Docker.containersLabelled("io.esperanto.image", repository + "/")).hasSize(1);
      process.destroy(); // SIGTERM
      assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
      assertThat(Docker.containersLabelled("io.esperanto.image", repository + "/")).isEmpty();
    } finally {
      process.destroyForcibly();
    }
  }

  private static void chownTree(Path dir, int uid, int gid) throws Exception {
    try (var paths = Files.walk(dir)) {
      for (Path path : (Iterable<Path>) paths::iterator) {
        Files.setAttribute(path, "unix:uid", uid);
        Files.setAttribute(path, "unix:gid", gid);
      }
    }
  }
}
