package io.jenkins.plugins.esperanto.engine.registry;

import java.time.Duration;
import java.util.function.Consumer;

/**
 * Runs one registry operation with the rules every operation shares: bounded retries with
 * backoff while the registry is unreachable, one token refresh when ECR credentials are
 * rejected (a token that expired during a long push), and errors mapped to one-line
 * {@link RegistryException}s that name the credential kind and source, never a value.
 */
final class RegistryAttempts {
  /** One attempt with the given auth. */
  interface Attempt<R> {
    R run(RegistryAuth auth) throws DaemonFailure, InterruptedException;
  }

  /** Waits between attempts; replaced in tests that must not sleep. */
  interface Sleeper {
    void sleep(Duration duration) throws InterruptedException;
  }

  private final RegistryAuthProvider authProvider;
  private final RetryPolicy retry;
  private final Sleeper sleeper;

  RegistryAttempts(RegistryAuthProvider authProvider, RetryPolicy retry, Sleeper sleeper) {
    this.authProvider = authProvider;
    this.retry = retry;
    this.sleeper = sleeper;
  }

  /**
   * Runs {@code attempt} for {@code operation} on {@code reference}.
   *
   * @throws RegistryException the mapped failure
   */
  <R> R run(String operation, ImageReference reference, Consumer<String> notices, Attempt<R> attempt)
      throws RegistryException {
    RegistryAuth auth = authProvider.authFor(reference);
    boolean refreshed = false;
    int attemptNumber = 1;
    while (true) {
      try {
        return attempt.run(auth);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new RegistryOperationException(operation, reference,
            "Tried to " + operation + " " + reference + " but was interrupted", e);
      } catch (DaemonFailure failure) {
        switch (failure.kind()) {
          case UNAUTHORIZED:
            if (!refreshed && !auth.isAnonymous() && authProvider.canRefresh(reference)) {
              notices.accept("the registry rejected the ECR token; fetching a new one and trying once more");
              auth = authProvider.refresh(reference);
              refreshed = true;
              continue;
            }
            throw new RegistryUnauthorizedException(operation, reference, auth.origin(), failure.getMessage(), failure);
          case REPOSITORY_MISSING:
            throw new RepositoryMissingException(operation, reference, true, failure.getMessage(), failure);
          case TAG_MISSING:
            throw new RepositoryMissingException(operation, reference, false, failure.getMessage(), failure);
          case UNREACHABLE:
            if (attemptNumber >= retry.attempts()) {
              throw new RegistryUnreachableException(operation, reference, attemptNumber, failure.getMessage(), failure);
            }
            Duration wait = retry.backoffAfter(attemptNumber);
            notices.accept("registry unreachable (" + failure.getMessage() + "); attempt " + attemptNumber + " of "
                + retry.attempts() + ", retrying in " + wait.toMillis() + " ms");
            sleep(operation, reference, wait);
            attemptNumber++;
            continue;
          default:
            throw new RegistryOperationException(operation, reference, "Tried to " + operation + " " + reference
                + " but the Docker Engine reported: " + failure.getMessage(), failure);
        }
      }
    }
  }

  private void sleep(String operation, ImageReference reference, Duration wait) throws RegistryException {
    try {
      sleeper.sleep(wait);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new RegistryOperationException(operation, reference,
          "Tried to " + operation + " " + reference + " but was interrupted while waiting to retry", e);
    }
  }
}
