package io.jenkins.plugins.esperanto.engine.build;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Tests for {@link SourceRevision}, in a child JVM whose PATH starts with a fake {@code git}
 * (a JVM looks programs up in its own PATH, which a test cannot change in-process).
 */
class SourceRevisionTest {
  @TempDir Path tmp;

  /** The look-up's documented timeout is 5 s; the fake git would answer after 60. */
  @Test
  void of_gitThatHangs_givesUpAfterTheTimeout() throws Exception {
    String output = runWithGit("#!/bin/sh\nsleep 60\necho " + "a".repeat(40) + "\n");

    String[] parts = output.split(" ");
    assertThat(parts[0]).isEqualTo("none");
    assertThat(Long.parseLong(parts[1])).as("milliseconds").isBetween(4_900L, 8_000L);
  }

  @Test
  void of_gitThatAnswers_givesTheCommit() throws Exception {
    String output = runWithGit("#!/bin/sh\necho " + "b".repeat(40) + "\n");

    assertThat(output).startsWith("b".repeat(40) + " ");
  }

  private String runWithGit(String script) throws Exception {
    Path bin = Files.createDirectory(tmp.resolve("bin"));
    Path git = Files.writeString(bin.resolve("git"), script);
    Files.setPosixFilePermissions(git, PosixFilePermissions.fromString("rwxr-xr-x"));
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    ProcessBuilder builder = new ProcessBuilder(List.of(java.toString(), "-cp",
        System.getProperty("java.class.path"), Main.class.getName(), tmp.toString()))
        .redirectErrorStream(true);
    builder.environment().put("PATH", bin + ":" + System.getenv("PATH"));
    Process child = builder.start();
    String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(child.waitFor(90, TimeUnit.SECONDS)).isTrue();
    assertThat(child.exitValue()).as(output).isZero();
    return output.strip();
  }

  /** The child: prints the revision (or "none") and how long the look-up took. */
  public static final class Main {
    public static void main(String[] args) {
      long start = System.nanoTime();
      String revision = SourceRevision.of(Path.of(args[0])).orElse("none");
      System.out.println(revision + " " + (System.nanoTime() - start) / 1_000_000);
    }
  }
}
