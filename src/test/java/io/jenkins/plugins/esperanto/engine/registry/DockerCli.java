package io.jenkins.plugins.esperanto.engine.registry;

import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The plain {@code docker} command, used by tests to set up and to check independently of the
 * code under test: build a tiny image, read history and container env, remove what a test made.
 */
final class DockerCli {
  static final String FIXTURE = "esperanto-fixture/busybox:latest";
  static final String LABEL = "io.esperanto.test=registry";

  private DockerCli() {}

  static String run(String... args) {
    List<String> command = new ArrayList<>(List.of("docker"));
    command.addAll(List.of(args));
    try {
      Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
      process.getOutputStream().close();
      String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (process.waitFor() != 0) {
        fail("docker " + String.join(" ", args) + " failed: " + out);
      }
      return out.strip();
    } catch (IOException | InterruptedException e) {
      return fail("docker " + String.join(" ", args) + " could not run: " + e);
    }
  }

  /** True when the command succeeds. */
  static boolean succeeds(String... args) {
    List<String> command = new ArrayList<>(List.of("docker"));
    command.addAll(List.of(args));
    try {
      Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
      process.getInputStream().readAllBytes();
      return process.waitFor() == 0;
    } catch (IOException | InterruptedException e) {
      return false;
    }
  }

  /** A unique prefix for this test run's names. */
  static String uniquePrefix() {
    return "esperanto-test-" + UUID.randomUUID().toString().substring(0, 8);
  }

  /**
   * Builds a tiny image FROM the fixture with a unique file, tagged {@code tag}; returns its id.
   * Fails with a hint when the fixture is missing.
   */
  static String buildTiny(String tag) throws IOException {
    if (!succeeds("image", "inspect", FIXTURE)) {
      fail(FIXTURE + " is missing; run scripts/test-env");
    }
    Path context = Files.createTempDirectory("esperanto-build-");
    try {
      Files.writeString(context.resolve("Dockerfile"), "FROM " + FIXTURE + "\nRUN echo " + UUID.randomUUID()
          + " > /unique && echo layer2 > /second\n");
      run("build", "-q", "--label", LABEL, "-t", tag, context.toString());
      return run("image", "inspect", "--format", "{{.Id}}", tag);
    } finally {
      Files.deleteIfExists(context.resolve("Dockerfile"));
      Files.deleteIfExists(context);
    }
  }

  /** Removes the given tags; missing ones are ignored. */
  static void removeImages(String... tags) {
    for (String tag : tags) {
      succeeds("image", "rm", "-f", tag);
    }
  }

  /** {@code docker history} of {@code image}, every column untruncated. */
  static String history(String image) {
    return run("history", "--no-trunc", "--format", "{{.CreatedBy}} {{.Comment}}", image);
  }

  /** Env and command of a container created (not started) from {@code image}, then removed. */
  static String containerEnvironment(String image) {
    String id = run("create", "--label", LABEL, image, "true");
    try {
      return run("inspect", "--format", "{{json .Config.Env}} {{json .Config.Cmd}} {{json .Args}}", id);
    } finally {
      succeeds("rm", "-f", id);
    }
  }
}
