package io.jenkins.plugins.esperanto.engine.squash;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.model.LoadResponseItem;
import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Loads an archive into the daemon and fails if the daemon says so. {@code docker load}
 * answers HTTP 200 before it has read the archive and reports a broken one inside the body,
 * so the synchronous docker-java call would report success; the streamed answer is read here.
 * An interruption waits for the load to end (seconds) so that the caller can undo it.
 */
final class LoadImageStep implements Callable<Void> {
  private final DockerClient docker;
  private final InputStream archive;

  LoadImageStep(DockerClient docker, InputStream archive) {
    this.docker = docker;
    this.archive = archive;
  }

  @Override
  public Void call() throws IOException, InterruptedException {
    AtomicReference<String> error = new AtomicReference<>();
    ResultCallback.Adapter<LoadResponseItem> callback = new ResultCallback.Adapter<>() {
      @Override
      public void onNext(LoadResponseItem item) {
        if (item.isErrorIndicated()) {
          String message = item.getErrorDetail() != null && item.getErrorDetail().getMessage() != null
              ? item.getErrorDetail().getMessage() : item.getError();
          error.compareAndSet(null, message);
        }
      }
    };
    boolean interrupted = false;
    try (callback) {
      docker.loadImageAsyncCmd(archive).exec(callback);
      // A load cut off half-way may still register the image; let it end, then report.
      while (true) {
        try {
          callback.awaitCompletion();
          break;
        } catch (InterruptedException e) {
          interrupted = true;
        }
      }
    } catch (RuntimeException e) {
      throw new IOException("docker load failed: " + e.getMessage(), e);
    }
    if (interrupted) {
      throw new InterruptedException("interrupted while docker load ran");
    }
    if (error.get() != null) {
      throw new IOException("docker load reported: " + error.get());
    }
    return null;
  }
}
