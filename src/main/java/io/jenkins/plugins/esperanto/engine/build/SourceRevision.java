package io.jenkins.plugins.esperanto.engine.build;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/** The git commit of the catalog, for the {@code io.esperanto.revision} label; never part of the key. */
final class SourceRevision {
  private static final Pattern COMMIT = Pattern.compile("[0-9a-f]{40,64}");

  private SourceRevision() {}

  static Optional<String> of(Path dir) {
    try {
      Process git = new ProcessBuilder("git", "-C", dir.toString(), "rev-parse", "HEAD")
          .redirectError(ProcessBuilder.Redirect.DISCARD)
          .start();
      git.getOutputStream().close();
      String out = new String(git.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).trim();
      if (!git.waitFor(5, TimeUnit.SECONDS) || git.exitValue() != 0 || !COMMIT.matcher(out).matches()) {
        git.destroyForcibly();
        return Optional.empty();
      }
      return Optional.of(out);
    } catch (IOException e) {
      return Optional.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    }
  }
}
