package io.jenkins.plugins.esperanto.engine.registry;

import io.jenkins.plugins.esperanto.engine.api.Printable;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.ecr.model.AuthorizationData;
import software.amazon.awssdk.services.ecr.model.GetAuthorizationTokenResponse;

/**
 * Registry credentials for ECR: tokens from {@code GetAuthorizationToken} (AWS SDK v2), cached
 * per account, region and caller identity in memory and on disk ({@link EcrTokenCache}).
 *
 * <p>The caller's own credentials are resolved first, on every call, and make its identity
 * ({@link EcrIdentity}); only a token fetched with that identity is ever handed out. A caller
 * whose credentials cannot be resolved gets an error, never a cached token.
 *
 * <p>A cached token is used only in the first half of its lifetime; after that a new one is
 * fetched. When the API cannot be reached (network error, timeout, 5xx, throttling) a cached
 * token that is still valid is used instead, with a notice. An explicit error from ECR (access
 * denied, bad parameter) is reported, not hidden behind the cache.
 */
public final class EcrTokenProvider {
  private final RegistryCredentials credentials;
  private final Optional<URI> endpointOverride;
  private final Optional<URI> stsEndpointOverride;
  /** Empty when the caller has no home folder and no XDG_CACHE_HOME: tokens are then kept in memory only. */
  private final Optional<EcrTokenCache> disk;
  private final Clock clock;
  private final Duration apiTimeout;
  private final int apiAttempts;
  private final Consumer<String> notices;
  private final Map<String, EcrToken> memory = new HashMap<>();

  private EcrTokenProvider(Builder b) {
    this.credentials = b.credentials;
    this.endpointOverride = b.endpointOverride;
    this.stsEndpointOverride = b.stsEndpointOverride;
    this.disk = b.cacheDirectory.map(EcrTokenCache::new);
    this.clock = b.clock;
    this.apiTimeout = b.apiTimeout;
    this.apiAttempts = b.apiAttempts;
    this.notices = b.notices;
  }

  /**
   * A builder for tokens obtained with {@code credentials} (AWS keys or the default chain).
   *
   * @throws IllegalArgumentException when the credentials are not AWS credentials
   */
  public static Builder builder(RegistryCredentials credentials) {
    if (!credentials.isAws()) {
      throw new IllegalArgumentException("ECR tokens need AWS credentials, not " + credentials.kind());
    }
    return new Builder(credentials);
  }

  /**
   * Registry credentials for {@code registry}: a cached token in the first half of its life,
   * else a new one, else (API unreachable) a cached one that is still valid.
   *
   * @throws EcrTokenException when ECR refuses, or is unreachable with no valid cached token
   */
  public synchronized RegistryAuth authFor(EcrRegistry registry) throws EcrTokenException {
    AwsClients.Caller caller = identify(registry);
    Instant now = clock.instant();
    Optional<EcrToken> cached = cached(registry, caller.identity());
    if (cached.isPresent() && cached.get().isFresh(now)) {
      return toAuth(registry, cached.get());
    }
    try {
      return toAuth(registry, fetch(registry, caller));
    } catch (EcrTokenException e) {
      if (e.isUnreachable() && cached.isPresent() && cached.get().isUsable(now)) {
        notices.accept("ECR API for " + registry.host() + " is unreachable; using the cached token valid until "
            + cached.get().expiresAt());
        return toAuth(registry, cached.get());
      }
      throw e;
    }
  }

  /**
   * A new token for {@code registry}, ignoring the cache: for when the registry rejected the
   * cached one (revoked, or expired during a long push).
   *
   * @throws EcrTokenException when ECR refuses or is unreachable
   */
  public synchronized RegistryAuth refresh(EcrRegistry registry) throws EcrTokenException {
    AwsClients.Caller caller = identify(registry);
    memory.remove(key(registry, caller.identity()));
    if (disk.isPresent()) {
      try {
        disk.get().delete(registry, caller.identity());
      } catch (IOException e) {
        notices.accept("Could not delete the cached ECR token " + disk.get().fileFor(registry, caller.identity())
            + ": " + e.getClass().getSimpleName());
      }
    }
    return toAuth(registry, fetch(registry, caller));
  }

  /**
   * The on-disk cache file of {@code registry}'s token for these credentials (a credential: mode 0600).
   *
   * @throws EcrTokenException when the credentials cannot be resolved
   */
  public Path cacheFile(EcrRegistry registry) throws EcrTokenException {
    EcrTokenCache cache = disk.orElseThrow(() -> new IllegalStateException("no ECR token cache folder: no home"));
    return cache.fileFor(registry, identify(registry).identity());
  }

  /** The caller's own credentials, resolved now; failing here never falls back to a cache. */
  private AwsClients.Caller identify(EcrRegistry registry) throws EcrTokenException {
    try {
      return AwsClients.resolve(credentials);
    } catch (SdkException e) {
      throw failure(registry, "no AWS credentials could be resolved (" + Printable.of(AwsClients.firstLine(e.getMessage()))
          + ")", "check the AWS credentials", Optional.empty(), false, e);
    }
  }

  private Optional<EcrToken> cached(EcrRegistry registry, EcrIdentity identity) {
    EcrToken inMemory = memory.get(key(registry, identity));
    if (inMemory != null) {
      return Optional.of(inMemory);
    }
    Optional<EcrToken> onDisk = disk.flatMap(cache -> cache.read(registry, identity));
    onDisk.ifPresent(t -> memory.put(key(registry, identity), t));
    return onDisk;
  }

  private EcrToken fetch(EcrRegistry registry, AwsClients.Caller caller) throws EcrTokenException {
    Instant fetchedAt = clock.instant();
    GetAuthorizationTokenResponse response;
    try (AwsClients aws = AwsClients.open(registry, caller, credentials, endpointOverride, stsEndpointOverride,
        apiTimeout, apiAttempts)) {
      response = aws.ecr().getAuthorizationToken(r -> r.registryIds(registry.account()));
    } catch (AwsServiceException e) {
      String code = e.awsErrorDetails() == null ? "error" : e.awsErrorDetails().errorCode();
      String message = e.awsErrorDetails() == null ? "" : e.awsErrorDetails().errorMessage();
      boolean unreachable = e.statusCode() >= 500 || e.isThrottlingException();
      throw failure(registry, "ECR answered " + code + (message == null ? "" : ": " + Printable.of(message)),
          unreachable ? "try again later" : "check that these credentials may call ecr:GetAuthorizationToken",
          Optional.ofNullable(code), unreachable, e);
    } catch (SdkException e) {
      throw failure(registry, "the ECR API could not be reached or no credentials were found ("
          + Printable.of(AwsClients.firstLine(e.getMessage())) + ")", "check the network and the AWS credentials",
          Optional.empty(), true, e);
    }
    if (!response.hasAuthorizationData() || response.authorizationData().isEmpty()
        || response.authorizationData().get(0).authorizationToken() == null) {
      throw failure(registry, "ECR returned no authorization data", "check the account id", Optional.empty(), false, null);
    }
    AuthorizationData data = response.authorizationData().get(0);
    Instant expiresAt = data.expiresAt() == null ? fetchedAt.plus(Duration.ofHours(12)) : data.expiresAt();
    EcrToken token = EcrToken.of(Secret.of(data.authorizationToken()), fetchedAt, expiresAt);
    memory.put(key(registry, caller.identity()), token);
    if (disk.isPresent()) {
      try {
        disk.get().write(registry, caller.identity(), token);
      } catch (IOException e) {
        notices.accept("Could not write the ECR token cache " + disk.get().fileFor(registry, caller.identity()) + " ("
            + e.getClass().getSimpleName() + "); tokens will be fetched on every run");
      }
    }
    return token;
  }

  private EcrTokenException failure(EcrRegistry registry, String because, String advice, Optional<String> code,
      boolean unreachable, Throwable cause) {
    return new EcrTokenException("Tried to get an ECR token for " + registry.host() + " (account " + registry.account()
        + ", region " + registry.region() + ") with " + credentials.describe() + " but " + because + "; " + advice,
        registry, credentials, code, unreachable, cause);
  }


  private static String key(EcrRegistry registry, EcrIdentity identity) {
    return registry.account() + "-" + registry.region() + "-" + identity.digest();
  }

  /** The origin is the AWS credentials, so that a rejection names what the token came from. */
  private RegistryAuth toAuth(EcrRegistry registry, EcrToken token) {
    return RegistryAuth.basic(registry.host(), token.username(), token.password(), credentials);
  }

  /** Builds an {@link EcrTokenProvider}. */
  public static final class Builder {
    private final RegistryCredentials credentials;
    private Optional<URI> endpointOverride = Optional.empty();
    private Optional<URI> stsEndpointOverride = Optional.empty();
    private Optional<Path> cacheDirectory = EcrTokenCache.defaultDirectory(System.getenv());
    private Clock clock = Clock.systemUTC();
    private Duration apiTimeout = Duration.ofSeconds(10);
    private int apiAttempts = 3;
    private Consumer<String> notices = line -> { };

    private Builder(RegistryCredentials credentials) {
      this.credentials = credentials;
    }

    /** Calls ECR at {@code uri} instead of the regional endpoint (VPC endpoints, tests). */
    public Builder endpointOverride(URI uri) {
      this.endpointOverride = Optional.of(uri);
      return this;
    }

    /** Calls STS at {@code uri} when a role is assumed. */
    public Builder stsEndpointOverride(URI uri) {
      this.stsEndpointOverride = Optional.of(uri);
      return this;
    }

    /** Keeps tokens in {@code directory} (default {@code ~/.cache/esperanto/ecr}). */
    public Builder cacheDirectory(Path directory) {
      this.cacheDirectory = Optional.of(directory);
      return this;
    }

    /** The clock that decides freshness (tests). */
    public Builder clock(Clock value) {
      this.clock = value;
      return this;
    }

    /** Connect and read timeout of one API call (default 10 s). */
    public Builder apiTimeout(Duration value) {
      this.apiTimeout = value;
      return this;
    }

    /** SDK attempts per token request, retries included (default 3). */
    public Builder apiAttempts(int value) {
      if (value < 1) {
        throw new IllegalArgumentException("apiAttempts must be at least 1");
      }
      this.apiAttempts = value;
      return this;
    }

    /** Where to say that a cached token was used or the cache could not be written. */
    public Builder notices(Consumer<String> value) {
      this.notices = value;
      return this;
    }

    /** The provider. */
    public EcrTokenProvider build() {
      return new EcrTokenProvider(this);
    }
  }
}
