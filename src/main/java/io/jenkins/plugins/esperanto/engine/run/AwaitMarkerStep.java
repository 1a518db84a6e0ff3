package io.jenkins.plugins.esperanto.engine.run;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.model.Frame;
import io.jenkins.plugins.esperanto.engine.docker.OutputLines;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Follows a started container's output until a line starting with a marker appears (the rest
 * of that line), the container ends (empty) or the timeout passes (empty). Other lines (the
 * entrypoint's own setup output) go to the log. Following the log stream from the beginning means no line can be missed,
 * however early it was written.
 */
final class AwaitMarkerStep {
  private final DockerClient docker;
  private final String containerId;
  private final String marker;
  private final Duration timeout;
  private final Consumer<String> log;

  AwaitMarkerStep(DockerClient docker, String containerId, String marker, Duration timeout,
      Consumer<String> log) {
    this.docker = docker;
    this.containerId = containerId;
    this.marker = marker;
    this.timeout = timeout;
    this.log = log;
  }

  Optional<String> call() throws InterruptedException {
    CountDownLatch done = new CountDownLatch(1);
    String[] seen = new String[1];
    OutputLines lines = OutputLines.to(line -> {
      String trimmed = line.trim();
      synchronized (seen) {
        if (seen[0] != null) {
          return; // the session's own output, after the marker, is not the entrypoint's
        }
        if (trimmed.equals(marker) || trimmed.startsWith(marker + " ")) {
          seen[0] = trimmed.substring(marker.length());
          done.countDown();
          return;
        }
      }
      log.accept("[entrypoint] " + line);
    });
    ResultCallback.Adapter<Frame> callback =
        new ResultCallback.Adapter<>() {
          @Override
          public void onNext(Frame frame) {
            synchronized (lines) {
              lines.append(new String(frame.getPayload(), StandardCharsets.UTF_8));
            }
          }

          @Override
          public void onComplete() {
            super.onComplete();
            done.countDown();
          }

          @Override
          public void onError(Throwable throwable) {
            super.onError(throwable);
            done.countDown();
          }
        };
    docker
        .logContainerCmd(containerId)
        .withStdOut(true)
        .withStdErr(true)
        .withFollowStream(true)
        .exec(callback);
    try {
      done.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
      synchronized (seen) {
        return Optional.ofNullable(seen[0]);
      }
    } finally {
      try {
        callback.close();
      } catch (IOException e) {
        // Closing a finished stream: nothing to do.
      }
    }
  }
}
