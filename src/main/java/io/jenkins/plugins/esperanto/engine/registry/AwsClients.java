package io.jenkins.plugins.esperanto.engine.registry;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkSystemSetting;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.profiles.ProfileFileSystemSetting;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecr.EcrClientBuilder;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.auth.StsAssumeRoleCredentialsProvider;
import software.amazon.awssdk.utils.IoUtils;

/**
 * Builds AWS SDK clients from our credential values: one ECR client per call, closed after it,
 * since tokens are fetched a few times a day. The SDK types stay inside this package.
 */
final class AwsClients implements AutoCloseable {
  private final SdkHttpClient http;
  private final AwsCredentialsProvider credentials;
  private final Optional<StsClient> sts;
  private final EcrClient ecr;

  private AwsClients(SdkHttpClient http, AwsCredentialsProvider credentials, Optional<StsClient> sts, EcrClient ecr) {
    this.http = http;
    this.credentials = credentials;
    this.sts = sts;
    this.ecr = ecr;
  }

  /** The caller's own AWS credentials, resolved once, and the identity they make. */
  record Caller(AwsCredentials credentials, EcrIdentity identity) {
    @Override
    public String toString() {
      return identity.toString();
    }
  }

  /**
   * Resolves {@code credentials} now: keys as given, the default chain (with its profile) as the
   * SDK finds it. Nothing is cached here: a caller without credentials fails.
   *
   * @throws SdkException when the default chain finds no credentials
   */
  static Caller resolve(RegistryCredentials credentials) {
    AwsCredentialsProvider provider = baseProvider(credentials);
    AwsCredentials resolved;
    try {
      resolved = provider.resolveCredentials();
    } finally {
      if (provider instanceof AutoCloseable closeable) {
        IoUtils.closeQuietly(closeable, null);
      }
    }
    Optional<String> profile = Optional.empty();
    Optional<String> webIdentity = Optional.empty();
    if (credentials instanceof RegistryCredentials.AwsDefaultChain c) {
      profile = c.profile().or(() -> ProfileFileSystemSetting.AWS_PROFILE.getStringValue());
      webIdentity = SdkSystemSetting.AWS_WEB_IDENTITY_TOKEN_FILE.getStringValue()
          .map(file -> file + " " + SdkSystemSetting.AWS_ROLE_ARN.getStringValue().orElse(""));
    }
    return new Caller(resolved, EcrIdentity.of(resolved.accessKeyId(), profile, roleArn(credentials), webIdentity));
  }

  /** Opens an ECR client for {@code registry}'s region with {@code credentials}. */
  static AwsClients open(EcrRegistry registry, RegistryCredentials credentials, Optional<URI> endpointOverride,
      Optional<URI> stsEndpointOverride, Duration timeout, int attempts) {
    return open(registry, baseProvider(credentials), roleArn(credentials), endpointOverride, stsEndpointOverride,
        timeout, attempts);
  }

  /** Opens an ECR client that signs with {@code caller}'s resolved credentials (and its role, if any). */
  static AwsClients open(EcrRegistry registry, Caller caller, RegistryCredentials credentials,
      Optional<URI> endpointOverride, Optional<URI> stsEndpointOverride, Duration timeout, int attempts) {
    return open(registry, StaticCredentialsProvider.create(caller.credentials()), roleArn(credentials),
        endpointOverride, stsEndpointOverride, timeout, attempts);
  }

  private static AwsClients open(EcrRegistry registry, AwsCredentialsProvider base, Optional<String> roleArn,
      Optional<URI> endpointOverride, Optional<URI> stsEndpointOverride, Duration timeout, int attempts) {
    SdkHttpClient http = new BoundedSdkHttpClient(
        UrlConnectionHttpClient.builder().connectionTimeout(timeout).socketTimeout(timeout).build());
    Region region = Region.of(registry.region());
    Optional<StsClient> sts = roleArn.map(arn -> {
      var builder = StsClient.builder().region(region).httpClient(http).credentialsProvider(base);
      stsEndpointOverride.ifPresent(builder::endpointOverride);
      return builder.build();
    });
    AwsCredentialsProvider provider = sts.<AwsCredentialsProvider>map(client ->
        StsAssumeRoleCredentialsProvider.builder().stsClient(client)
            .refreshRequest(r -> r.roleArn(roleArn.get()).roleSessionName("esperanto-ecr")).build()).orElse(base);
    EcrClientBuilder builder = EcrClient.builder().region(region).httpClient(http).credentialsProvider(provider)
        .overrideConfiguration(o -> o.retryStrategy(r -> r.maxAttempts(attempts)));
    if (endpointOverride.isPresent()) {
      builder.endpointOverride(endpointOverride.get());
    } else if (registry.fips()) {
      builder.fipsEnabled(true);
    }
    return new AwsClients(http, provider, sts, builder.build());
  }

  EcrClient ecr() {
    return ecr;
  }

  private static AwsCredentialsProvider baseProvider(RegistryCredentials credentials) {
    if (credentials instanceof RegistryCredentials.AwsKeys k) {
      return StaticCredentialsProvider.create(k.sessionToken().isPresent()
          ? AwsSessionCredentials.create(k.accessKeyId(), k.secretAccessKey().reveal(), k.sessionToken().get().reveal())
          : AwsBasicCredentials.create(k.accessKeyId(), k.secretAccessKey().reveal()));
    }
    if (credentials instanceof RegistryCredentials.AwsDefaultChain c) {
      return c.profile().map(p -> DefaultCredentialsProvider.builder().profileName(p).build())
          .orElseGet(() -> DefaultCredentialsProvider.builder().build());
    }
    throw new IllegalArgumentException("not AWS credentials: " + credentials.kind());
  }

  private static Optional<String> roleArn(RegistryCredentials credentials) {
    if (credentials instanceof RegistryCredentials.AwsKeys k) {
      return k.roleArn();
    }
    if (credentials instanceof RegistryCredentials.AwsDefaultChain c) {
      return c.roleArn();
    }
    return Optional.empty();
  }

  /** The first line of an SDK message: the rest lists every provider tried, too long for one line. */
  static String firstLine(String message) {
    if (message == null) {
      return "no detail";
    }
    int newline = message.indexOf('\n');
    return newline < 0 ? message : message.substring(0, newline);
  }

  @Override
  public void close() {
    IoUtils.closeQuietly(ecr, null);
    if (credentials instanceof AutoCloseable closeable) {
      IoUtils.closeQuietly(closeable, null);
    }
    sts.ifPresent(s -> IoUtils.closeQuietly(s, null));
    IoUtils.closeQuietly(http, null);
  }
}
