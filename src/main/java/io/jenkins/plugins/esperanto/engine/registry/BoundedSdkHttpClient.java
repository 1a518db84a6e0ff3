package io.jenkins.plugins.esperanto.engine.registry;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import software.amazon.awssdk.http.AbortableInputStream;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;

/**
 * The SDK's HTTP client with every response body bounded ({@link ResponseLimit#DOCUMENT}): the
 * SDK reads an AWS JSON answer whole into memory, and an ECR endpoint override (a VPC endpoint,
 * a proxy) that answered with an endless body would fill the heap of an agent.
 */
final class BoundedSdkHttpClient implements SdkHttpClient {
  private final SdkHttpClient delegate;

  BoundedSdkHttpClient(SdkHttpClient delegate) {
    this.delegate = delegate;
  }

  @Override
  public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
    ExecutableHttpRequest prepared = delegate.prepareRequest(request);
    return new ExecutableHttpRequest() {
      @Override
      public HttpExecuteResponse call() throws IOException {
        HttpExecuteResponse response = prepared.call();
        return HttpExecuteResponse.builder().response(response.httpResponse())
            .responseBody(response.responseBody().map(body -> AbortableInputStream.create(
                new Bounded(body, ResponseLimit.DOCUMENT), body)).orElse(null))
            .build();
      }

      @Override
      public void abort() {
        prepared.abort();
      }
    };
  }

  @Override
  public String clientName() {
    return delegate.clientName();
  }

  @Override
  public void close() {
    delegate.close();
  }

  /** Fails once more than {@code limit} bytes were read. */
  private static final class Bounded extends FilterInputStream {
    private final int limit;
    private long read;

    Bounded(InputStream in, int limit) {
      super(in);
      this.limit = limit;
    }

    @Override
    public int read() throws IOException {
      int b = super.read();
      count(b < 0 ? 0 : 1);
      return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
      int n = super.read(buffer, offset, length);
      count(Math.max(n, 0));
      return n;
    }

    private void count(int n) throws IOException {
      read += n;
      if (read > limit) {
        throw new ResponseLimit.TooLarge(limit);
      }
    }
  }
}
