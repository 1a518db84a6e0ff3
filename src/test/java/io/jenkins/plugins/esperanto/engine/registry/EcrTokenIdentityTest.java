package io.jenkins.plugins.esperanto.engine.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 10, item 1: the ECR token cache (memory and disk) is keyed by the identity that fetched
 * the token. A caller with other keys, another profile, another role or no credentials at all
 * never gets a token that someone else cached, even when ECR is unreachable. The real AWS SDK
 * talks to a local ECR endpoint ({@link FakeEcr}) that checks which key signed each call.
 */
class EcrTokenIdentityTest {
  private static final String ACCOUNT = "123456789012";
  private static final EcrRegistry REGISTRY = EcrRegistry.parseHost(ACCOUNT + ".dkr.ecr.eu-north-1.amazonaws.com").get();
  private static final String KEY_A = "AKIDJOBAKEY000001";
  private static final String KEY_B = "AKIDJOBBKEY000002";

  @TempDir Path temp;
  private final SecretScan scan = new SecretScan();
  private final List<String> notices = new ArrayList<>();
  private final String secretA = secret("sk-a");
  private final String secretB = secret("sk-b");
  private FakeEcr ecr;
  private MutableClock clock;
  private String tokenA;

  @BeforeEach
  void jobACachesAToken() throws Exception {
    ecr = new FakeEcr(KEY_A, ACCOUNT);
    clock = new MutableClock(Instant.now().truncatedTo(ChronoUnit.SECONDS));
    tokenA = secret("token-of-a");
    ecr.issue(tokenA, clock.instant().plus(Duration.ofHours(12)));
    RegistryAuth auth = provider(keys(KEY_A, secretA, Optional.empty()), ecr.endpoint()).authFor(REGISTRY);
    assertThat(auth.password().get().reveal()).isEqualTo(tokenA);
    ecr.close(); // from here on ECR is unreachable: only the cache could answer
  }

  @AfterEach
  void noSecretAnywhere() throws Exception {
    System.clearProperty("aws.sharedCredentialsFile");
    System.clearProperty("aws.configFile");
    System.clearProperty("aws.disableEc2Metadata");
    notices.forEach(scan::text);
    try (Stream<Path> files = Files.walk(temp)) {
      for (Path file : (Iterable<Path>) files::iterator) {
        scan.text(file.getFileName().toString());
      }
    }
    scan.assertClean();
    assertThat(ecr.violations()).isEmpty();
  }

  @Test
  void authFor_otherKeysEcrUnreachable_failsInsteadOfUsingTheCachedToken() throws Exception {
    EcrTokenProvider jobB = provider(keys(KEY_B, secretB, Optional.empty()), ecr.endpoint());

    EcrTokenException e = assertThrows(EcrTokenException.class, () -> jobB.authFor(REGISTRY));
    scan.error(e);

    assertThat(e.getMessage()).doesNotContain(tokenA).contains("could not be reached");
    assertThat(notices).as("no cached token was offered").isEmpty();
  }

  @Test
  void authFor_sameIdentity_getsTheCachedToken() throws Exception {
    EcrTokenProvider again = provider(keys(KEY_A, secretA, Optional.empty()), ecr.endpoint());

    RegistryAuth auth = again.authFor(REGISTRY);

    assertThat(auth.password().get().reveal()).isEqualTo(tokenA);
    assertThat(ecr.tokenCalls()).isEqualTo(1);
  }

  @Test
  void authFor_sameKeyAnotherRole_failsInsteadOfUsingTheCachedToken() throws Exception {
    // --role-arn changed: the token would carry the role's rights, not the key's
    EcrTokenProvider withRole = EcrTokenProvider.builder(keys(KEY_A, secretA,
            Optional.of("arn:aws:iam::210987654321:role/pusher")))
        .endpointOverride(ecr.endpoint()).stsEndpointOverride(closedPort()).cacheDirectory(cache()).clock(clock)
        .apiTimeout(Duration.ofSeconds(2)).apiAttempts(1).notices(notices::add).build();

    EcrTokenException e = assertThrows(EcrTokenException.class, () -> withRole.authFor(REGISTRY));
    scan.error(e);

    assertThat(notices).isEmpty();
  }

  @Test
  void authFor_otherProfile_failsInsteadOfUsingTheCachedToken() throws Exception {
    // --aws-profile changed
    Path credentials = temp.resolve("credentials");
    Files.writeString(credentials, "[ci]\naws_access_key_id = AKIDCIPROFILE0001\naws_secret_access_key = " + secretB + "\n");
    System.setProperty("aws.sharedCredentialsFile", credentials.toString());
    System.setProperty("aws.configFile", temp.resolve("config").toString());
    EcrTokenProvider profile = provider(RegistryCredentials.awsDefaultChain(Optional.of("ci"), Optional.empty(),
        "--aws-profile"), ecr.endpoint());

    EcrTokenException e = assertThrows(EcrTokenException.class, () -> profile.authFor(REGISTRY));
    scan.error(e);

    assertThat(notices).isEmpty();
  }

  @Test
  void authFor_noCredentialsAtAll_failsInsteadOfUsingTheCachedToken() throws Exception {
    System.setProperty("aws.sharedCredentialsFile", Files.writeString(temp.resolve("empty"), "").toString());
    System.setProperty("aws.configFile", temp.resolve("config").toString());
    System.setProperty("aws.disableEc2Metadata", "true");
    EcrTokenProvider nobody = provider(RegistryCredentials.awsDefaultChain(Optional.of("absent"), Optional.empty(),
        "the AWS default provider chain"), ecr.endpoint());

    EcrTokenException e = assertThrows(EcrTokenException.class, () -> nobody.authFor(REGISTRY));
    scan.error(e);

    assertThat(e.getMessage()).contains("but no AWS credentials could be resolved (").doesNotContain("\n");
    assertThat(e.isUnreachable()).as("never a reason to fall back to a cache").isFalse();
    assertThat(notices).isEmpty();
  }

  @Test
  void cacheFile_isNamedByIdentityDigest_neverByKeyOrSecret() throws Exception {
    EcrTokenProvider jobB = provider(keys(KEY_B, secretB, Optional.empty()), ecr.endpoint());
    assertThrows(EcrTokenException.class, () -> jobB.authFor(REGISTRY));

    List<Path> files;
    try (Stream<Path> list = Files.list(cache())) {
      files = list.toList();
    }
    assertThat(files).singleElement().extracting(p -> p.getFileName().toString()).asString()
        .matches(ACCOUNT + "-eu-north-1-[0-9a-f]{32}\\.json");
    assertThat(Files.readString(files.get(0))).doesNotContain(KEY_A).doesNotContain(secretA);
  }

  @Test
  void cacheWrite_sweepsExpiredFilesOfOtherIdentitiesAndTheFormatWithoutIdentity() throws Exception {
    Path dir = cache();
    Path expired = dir.resolve(ACCOUNT + "-eu-north-1-" + "0".repeat(32) + ".json");
    Path recent = dir.resolve(ACCOUNT + "-eu-north-1-" + "1".repeat(32) + ".json");
    Path legacy = dir.resolve(ACCOUNT + "-eu-north-1.json");
    Path otherRegion = dir.resolve(ACCOUNT + "-eu-west-1-" + "0".repeat(32) + ".json");
    for (Path file : List.of(expired, recent, legacy, otherRegion)) {
      Files.writeString(file, "{}");
    }
    java.nio.file.attribute.FileTime twoDaysAgo = java.nio.file.attribute.FileTime.from(Instant.now().minus(Duration.ofDays(2)));
    Files.setLastModifiedTime(expired, twoDaysAgo);
    Files.setLastModifiedTime(otherRegion, twoDaysAgo);
    FakeEcr ecrB = new FakeEcr(KEY_B, ACCOUNT);
    try {
      ecrB.issue(secret("token-of-b"), clock.instant().plus(Duration.ofHours(12)));
      provider(keys(KEY_B, secretB, Optional.empty()), ecrB.endpoint()).authFor(REGISTRY);
    } finally {
      ecrB.close();
    }

    assertThat(expired).doesNotExist();
    assertThat(legacy).doesNotExist();
    assertThat(recent).exists();
    assertThat(otherRegion).as("another registry's files are its own writer's business").exists();
    try (Stream<Path> files = Files.list(dir)) {
      assertThat(files.count()).as("A's file, B's new file, the recent and the other region's").isEqualTo(4);
    }
  }

  private EcrTokenProvider provider(RegistryCredentials credentials, URI endpoint) {
    return EcrTokenProvider.builder(credentials).endpointOverride(endpoint).cacheDirectory(cache()).clock(clock)
        .apiTimeout(Duration.ofSeconds(2)).apiAttempts(1).notices(notices::add).build();
  }

  private Path cache() {
    return temp.resolve("ecr-cache");
  }

  private static RegistryCredentials keys(String keyId, String secret, Optional<String> role) {
    return RegistryCredentials.awsKeys(keyId, Secret.of(secret), Optional.empty(), role, "test keys");
  }

  private static URI closedPort() throws Exception {
    try (ServerSocket socket = new ServerSocket(0)) {
      return URI.create("http://127.0.0.1:" + socket.getLocalPort());
    }
  }

  private String secret(String prefix) {
    String value = prefix + "-" + LocalRegistry.randomPassword();
    scan.secret(value);
    return value;
  }
}
