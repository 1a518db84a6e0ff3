package io.jenkins.plugins.esperanto.engine.build;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.BuildImageCmd;
import com.github.dockerjava.api.command.BuildImageResultCallback;
import com.github.dockerjava.api.exception.DockerClientException;
import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.model.BuildResponseItem;
import io.jenkins.plugins.esperanto.engine.api.BuildFailedException;
import io.jenkins.plugins.esperanto.engine.api.EsperantoException;
import io.jenkins.plugins.esperanto.engine.docker.OutputLines;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * Sends a prepared context to the Docker Engine and builds it, untagged: the caller tags the
 * resulting ID only once everything (squash included) has succeeded, so a failed build never
 * leaves a tag for its key. Docker's output is streamed line by line.
 */
final class BuildImageStep implements Callable<String> {
  private static final Pattern STEP_LINE = Pattern.compile("^Step \\d+/\\d+ : .*");

  private final DockerClient docker;
  private final PreparedImage prepared;
  private final BuildOptions options;
  private final Map<String, String> labels;
  private final Consumer<String> log;

  BuildImageStep(DockerClient docker, PreparedImage prepared, BuildOptions options, Map<String, String> labels,
      Consumer<String> log) {
    this.docker = docker;
    this.prepared = prepared;
    this.options = options;
    this.labels = Map.copyOf(labels);
    this.log = log;
  }

  /** Returns the built image's ID. */
  @Override
  public String call() throws EsperantoException, InterruptedException {
    String name = prepared.image().name().value();
    StreamingCallback callback = new StreamingCallback(log);
    try (InputStream tar = prepared.archive().open()) {
      BuildImageCmd cmd = docker.buildImageCmd()
          .withTarInputStream(tar)
          .withDockerfilePath(prepared.image().dockerfilePath())
          .withNoCache(options.noCache())
          .withPull(options.pull())
          .withRemove(true)
          .withForcerm(true)
          .withLabels(labels);
      prepared.image().spec().build().args().forEach(cmd::withBuildArg);
      prepared.image().spec().build().target().ifPresent(cmd::withTarget);
      String imageId = cmd.exec(callback).awaitImageId();
      callback.flush();
      return imageId;
    } catch (DockerClientException | DockerException e) {
      if (e.getCause() instanceof InterruptedException) {
        // docker-java wraps the interrupt; closing the stream makes the daemon cancel the build
        closeQuietly(callback);
        throw new InterruptedException("build of " + name + " interrupted");
      }
      callback.flush();
      throw new BuildFailedException(name, callback.lastStep(), reason(e, callback));
    } catch (IOException e) {
      throw new BuildFailedException(name, Optional.empty(), "the build context could not be read: " + e.getMessage());
    } catch (RuntimeException e) {
      if (Thread.currentThread().isInterrupted() || e.getCause() instanceof InterruptedException) {
        throw new InterruptedException("build of " + name + " interrupted");
      }
      throw e;
    }
  }

  private static void closeQuietly(StreamingCallback callback) {
    try {
      callback.close();
    } catch (IOException e) {
      // the build is abandoned either way
    }
  }

  private static String reason(RuntimeException e, StreamingCallback callback) {
    String text = callback.error().orElse(e.getMessage());
    if (text == null) {
      return e.getClass().getSimpleName();
    }
    return text.replace('\n', ' ').trim();
  }

  /** Splits Docker's stream into lines and remembers the step in progress and the error text. */
  private static final class StreamingCallback extends BuildImageResultCallback {
    private final OutputLines lines;
    private volatile String lastStep;
    private volatile String error;

    StreamingCallback(Consumer<String> log) {
      this.lines = OutputLines.to(line -> {
        if (STEP_LINE.matcher(line).matches()) {
          lastStep = line;
        }
        log.accept(line);
      });
    }

    @Override
    public void onNext(BuildResponseItem item) {
      if (item.getStream() != null) {
        append(item.getStream());
      }
      if (item.getErrorDetail() != null && item.getErrorDetail().getMessage() != null) {
        error = item.getErrorDetail().getMessage();
      } else if (item.getError() != null) {
        error = item.getError();
      }
      super.onNext(item);
    }

    private synchronized void append(String text) {
      lines.append(text);
    }

    synchronized void flush() {
      lines.flush();
    }

    Optional<String> lastStep() {
      return Optional.ofNullable(lastStep);
    }

    Optional<String> error() {
      return Optional.ofNullable(error);
    }
  }
}
