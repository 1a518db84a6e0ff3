package io.jenkins.plugins.esperanto.engine.build;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/** The git commit of the catalog, for the {@code io.esperanto.revision} label; never part of the key. */
final class SourceRevision {
  static final int TIMEOUT_SECONDS = 5;
  private static final Pattern COMMIT = Pattern.compile("[0-9a-f]{40,64}");

  private SourceRevision() {}

  static Optional<String> of(Path dir) {
    Path out = null;
    Process git = null;
    try {
      // Output goes to a file, not a pipe: a git (or a wrapper) that hangs, or leaves a child
      // holding the pipe open, cannot hold the build past the timeout.
      out = Files.createTempFile("esperanto-git-", ".out");
      git = new ProcessBuilder("git", "-C", dir.toString(), "rev-parse", "HEAD")
          .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
          .redirectOutput(out.toFile())
          .redirectError(ProcessBuilder.Redirect.DISCARD)
          .start();
      if (!git.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS) || git.exitValue() != 0) {
        return Optional.empty();
      }
      String text = new String(Files.readAllBytes(out), StandardCharsets.US_ASCII).trim();
      return COMMIT.matcher(text).matches() ? Optional.of(text) : Optional.empty();
    } catch (IOException e) {
      return Optional.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    } finally {
      if (git != null) {
        git.descendants().forEach(ProcessHandle::destroyForcibly);
        git.destroyForcibly();
      }
      if (out != null) {
        try {
          Files.deleteIfExists(out);
        } catch (IOException e) {
          // a temporary file of 41 bytes; the next tmp cleaner takes it
        }
      }
    }
  }
}
