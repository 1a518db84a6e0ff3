package io.jenkins.plugins.esperanto.engine.registry;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * Reads an HTTP response body into memory only up to a limit: a registry or token service that
 * answers with an endless body must not fill the heap of a Jenkins agent. Past the limit the
 * subscription is cancelled (the connection stops being read) and the request fails with
 * {@link TooLarge}.
 */
final class ResponseLimit {
  /** Token service answers: a JWT of a few KiB. */
  static final int TOKEN = 1 << 20;
  /** Manifests, image configs and tag lists (Docker itself caps manifests at 4 MiB). */
  static final int DOCUMENT = 8 << 20;

  private ResponseLimit() {}

  /** A body larger than the limit; the message says which limit. */
  static final class TooLarge extends IOException {
    private static final long serialVersionUID = 1L;

    TooLarge(int limit) {
      super("the response body is larger than " + (limit >> 20) + " MiB");
    }
  }

  /**
   * The {@link TooLarge} behind {@code failure}, if that is what it is: {@code HttpClient.send}
   * wraps what the body subscriber failed with in an {@code IOException} of its own.
   */
  static Optional<TooLarge> cause(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof TooLarge) {
        return Optional.of((TooLarge) t);
      }
    }
    return Optional.empty();
  }

  /** The body as UTF-8 text, failing with {@link TooLarge} once it exceeds {@code limit} bytes. */
  static HttpResponse.BodyHandler<String> ofString(int limit) {
    return info -> new Subscriber(limit);
  }

  private static final class Subscriber implements HttpResponse.BodySubscriber<String> {
    private final int limit;
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final CompletableFuture<String> body = new CompletableFuture<>();
    private Flow.Subscription subscription;

    Subscriber(int limit) {
      this.limit = limit;
    }

    @Override
    public void onSubscribe(Flow.Subscription value) {
      subscription = value;
      value.request(Long.MAX_VALUE);
    }

    @Override
    public void onNext(List<ByteBuffer> buffers) {
      if (body.isDone()) {
        return; // cancelled: buffers already in flight are dropped
      }
      for (ByteBuffer buffer : buffers) {
        if (bytes.size() + (long) buffer.remaining() > limit) {
          subscription.cancel();
          body.completeExceptionally(new TooLarge(limit));
          return;
        }
        byte[] chunk = new byte[buffer.remaining()];
        buffer.get(chunk);
        bytes.write(chunk, 0, chunk.length);
      }
    }

    @Override
    public void onError(Throwable error) {
      body.completeExceptionally(error);
    }

    @Override
    public void onComplete() {
      body.complete(bytes.toString(StandardCharsets.UTF_8));
    }

    @Override
    public CompletionStage<String> getBody() {
      return body;
    }
  }
}
