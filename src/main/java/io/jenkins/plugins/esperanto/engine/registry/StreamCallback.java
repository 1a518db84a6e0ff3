package io.jenkins.plugins.esperanto.engine.registry;

import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.model.ResponseItem;
import io.jenkins.plugins.esperanto.engine.api.Printable;
import java.io.IOException;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Collects a push or pull stream: progress goes to the tracker, the first error (an error item
 * in the stream, or an HTTP error of the call) is kept for {@link #result()}. docker-java's own
 * callbacks log errors and rethrow them wrapped; this one does neither.
 */
final class StreamCallback<T extends ResponseItem> extends ResultCallback.Adapter<T> {
  private static final Pattern JSON_MESSAGE = Pattern.compile("\"message\"\\s*:\\s*\"((?:[^\"\\\\]|\\\\.)*)\"");

  private final ProgressTracker tracker;
  private volatile String error;
  private volatile Throwable cause;

  StreamCallback(ProgressTracker tracker) {
    this.tracker = tracker;
  }

  @Override
  public void onNext(T item) {
    if (item.isErrorIndicated()) {
      if (error == null) {
        error = item.getErrorDetail() != null && item.getErrorDetail().getMessage() != null
            ? item.getErrorDetail().getMessage() : item.getError();
      }
      return;
    }
    tracker.accept(item);
  }

  @Override
  public void onError(Throwable throwable) {
    if (error == null) {
      error = describe(throwable);
      cause = throwable;
    }
    try {
      close();
    } catch (IOException e) {
      // Closing a finished stream; nothing more to report.
    }
  }

  /**
   * Starts a streaming Engine API call with a new callback and waits for its end.
   *
   * @throws DaemonFailure when the call or the stream reported an error
   * @throws InterruptedException when interrupted while waiting
   */
  static <T extends ResponseItem> void stream(ProgressTracker tracker, Consumer<StreamCallback<T>> start)
      throws DaemonFailure, InterruptedException {
    StreamCallback<T> callback = new StreamCallback<>(tracker);
    try {
      start.accept(callback);
    } catch (DockerException e) {
      throw new DaemonFailure(describe(e), e);
    }
    callback.result();
  }

  /**
   * Waits for the end of the stream.
   *
   * @throws DaemonFailure when the stream or the call reported an error
   * @throws InterruptedException when interrupted while waiting
   */
  void result() throws DaemonFailure, InterruptedException {
    awaitCompletion();
    if (error != null) {
      throw new DaemonFailure(Printable.of(error), cause);
    }
  }

  /** docker-java puts the daemon's JSON body in the message: "Status 404: {"message":"..."}". */
  static String describe(Throwable throwable) {
    String text = throwable.getMessage() == null ? throwable.getClass().getSimpleName() : throwable.getMessage();
    if (throwable instanceof DockerException) {
      Matcher m = JSON_MESSAGE.matcher(text);
      if (m.find()) {
        return m.group(1).replace("\\\"", "\"");
      }
    }
    return text.strip();
  }
}
