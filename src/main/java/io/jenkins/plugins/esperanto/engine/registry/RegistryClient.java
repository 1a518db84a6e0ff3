package io.jenkins.plugins.esperanto.engine.registry;

import com.github.dockerjava.api.DockerClient;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * The registry facade for the CLI, the build ("pull if it exists, else build; push after") and
 * the Jenkins steps: {@link #exists}, {@link #push}, {@link #pull} of one tagged reference, with
 * one auth provider, retry policy and progress output.
 */
public final class RegistryClient {
  private final DockerClient docker;
  private final RegistryAttempts attempts;
  private final ProgressOutput progress;
  private final Duration lookupTimeout;
  private HttpClient http;

  private RegistryClient(Builder b) {
    this.docker = b.docker;
    this.attempts = new RegistryAttempts(b.auth, b.retry, b.sleeper);
    this.progress = b.progress;
    this.lookupTimeout = b.lookupTimeout;
  }

  /** A builder over {@code docker} (from {@code DockerConnection.connect}) and {@code auth}. */
  public static Builder builder(DockerClient docker, RegistryAuthProvider auth) {
    return new Builder(docker, auth);
  }

  /**
   * True when the registry has {@code reference}'s tag (no pull).
   *
   * @throws RegistryException when the registry refuses the credentials or is unreachable
   */
  public boolean exists(ImageReference reference) throws RegistryException {
    return new RemoteImageCheck(lookupHttp(), reference, attempts, lookupTimeout).call();
  }

  /**
   * Pushes the local image {@code reference} and returns the manifest digest.
   *
   * @throws RegistryException see {@link PushImageStep#call()}
   */
  public String push(ImageReference reference) throws RegistryException {
    return new PushImageStep(docker, reference, attempts, progress).call();
  }

  /**
   * Pulls {@code reference} and returns the local image id.
   *
   * @throws RegistryException see {@link PullImageStep#call()}
   */
  public String pull(ImageReference reference) throws RegistryException {
    return new PullImageStep(docker, reference, attempts, progress).call();
  }

  /**
   * Pull-instead-of-build: pulls {@code reference} when the registry has it.
   *
   * @return the local image id when it was pulled, empty when the registry does not have it
   * @throws RegistryException when the registry refuses the credentials or is unreachable
   */
  public Optional<String> pullIfPresent(ImageReference reference) throws RegistryException {
    return exists(reference) ? Optional.of(pull(reference)) : Optional.empty();
  }

  /** Created on first use: a push or pull alone need not start an HTTP client. */
  private synchronized HttpClient lookupHttp() {
    if (http == null) {
      http = RemoteImageCheck.newHttpClient(lookupTimeout);
    }
    return http;
  }

  /** Builds a {@link RegistryClient}. */
  public static final class Builder {
    private final DockerClient docker;
    private final RegistryAuthProvider auth;
    private ProgressOutput progress = ProgressOutput.silent();
    private RetryPolicy retry = RetryPolicy.defaults();
    private Duration lookupTimeout = Duration.ofSeconds(10);
    private RegistryAttempts.Sleeper sleeper = d -> Thread.sleep(d.toMillis());

    private Builder(DockerClient docker, RegistryAuthProvider auth) {
      this.docker = Objects.requireNonNull(docker, "docker");
      this.auth = Objects.requireNonNull(auth, "auth");
    }

    /** Where progress goes (default: nowhere). */
    public Builder progress(ProgressOutput value) {
      this.progress = value;
      return this;
    }

    /** How an unreachable registry is retried (default: 4 attempts, 1-2-4 s). */
    public Builder retry(RetryPolicy value) {
      this.retry = value;
      return this;
    }

    /** Connect and response timeout of an existence lookup (default 10 s). */
    public Builder lookupTimeout(Duration value) {
      this.lookupTimeout = value;
      return this;
    }

    /** The client. */
    public RegistryClient build() {
      return new RegistryClient(this);
    }
  }
}
