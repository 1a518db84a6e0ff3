package io.jenkins.plugins.esperanto.engine.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Tests for {@link EcrTokenProvider} and {@link EcrTokenCache}: the real AWS SDK against a local
 * ECR endpoint ({@link FakeEcr}), a hand-moved clock, and a real cache folder.
 */
class EcrTokenProviderTest {
  private static final String ACCOUNT = "123456789012";
  private static final String KEY_ID = "AKIDTESTEXAMPLE01";
  private static final String SECRET_KEY = "sk-" + LocalRegistry.randomPassword();
  private static final EcrRegistry REGISTRY = EcrRegistry.parseHost(ACCOUNT + ".dkr.ecr.eu-north-1.amazonaws.com").get();

  @TempDir Path cacheRoot;
  private FakeEcr ecr;
  private MutableClock clock;
  private final SecretScan scan = new SecretScan();
  private final List<String> notices = new ArrayList<>();
  private final RegistryCredentials credentials =
      RegistryCredentials.awsKeys(KEY_ID, Secret.of(SECRET_KEY), Optional.empty(), Optional.empty(), "test keys");

  @BeforeEach
  void start() throws Exception {
    ecr = new FakeEcr(KEY_ID, ACCOUNT);
    clock = new MutableClock(Instant.now().truncatedTo(ChronoUnit.SECONDS));
    scan.secret(SECRET_KEY);
  }

  @AfterEach
  void stop() {
    ecr.close();
    notices.forEach(scan::text);
    scan.assertClean();
    assertThat(ecr.violations()).isEmpty();
  }

  private Path cacheDir() {
    return cacheRoot.resolve("esperanto").resolve("ecr");
  }

  private EcrTokenProvider provider() {
    return EcrTokenProvider.builder(credentials).endpointOverride(ecr.endpoint()).cacheDirectory(cacheDir()).clock(clock)
        .apiTimeout(Duration.ofSeconds(2)).apiAttempts(1).notices(notices::add).build();
  }

  private String password(RegistryAuth auth) {
    scan.text(auth.toString());
    return auth.password().get().reveal();
  }

  @Test
  void authFor_secondCall_usesMemoryCache() throws Exception {
    String pw = secret("pw1");
    ecr.issue(pw, clock.instant().plus(Duration.ofHours(12)));
    EcrTokenProvider provider = provider();

    RegistryAuth first = provider.authFor(REGISTRY);
    RegistryAuth second = provider.authFor(REGISTRY);

    assertThat(password(first)).isEqualTo(pw);
    assertThat(password(second)).isEqualTo(pw);
    assertThat(first.username()).contains("AWS");
    assertThat(first.origin()).isEqualTo(credentials);
    assertThat(ecr.tokenCalls()).isEqualTo(1);
  }

  @Test
  void authFor_newProcess_usesDiskCacheWithOwnerOnlyModes() throws Exception {
    String pw = secret("pw-disk");
    ecr.issue(pw, clock.instant().plus(Duration.ofHours(12)));
    provider().authFor(REGISTRY);

    RegistryAuth again = provider().authFor(REGISTRY);

    assertThat(password(again)).isEqualTo(pw);
    assertThat(ecr.tokenCalls()).isEqualTo(1);
    Path file = provider().cacheFile(REGISTRY);
    assertThat(file.getFileName().toString()).matches(ACCOUNT + "-eu-north-1-[0-9a-f]{32}\\.json");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(cacheDir()))).isEqualTo("rwx------");
    String content = Files.readString(file);
    assertThat(content).doesNotContain(SECRET_KEY).doesNotContain(KEY_ID).contains("\"token\"");
    try (var files = Files.list(cacheDir())) {
      assertThat(files).containsExactly(file);
    }
  }

  @Test
  void authFor_secondHalfOfLifetime_fetchesNewToken() throws Exception {
    ecr.issue(secret("old"), clock.instant().plus(Duration.ofHours(12)));
    EcrTokenProvider provider = provider();
    provider.authFor(REGISTRY);
    String fresh = secret("fresh");
    ecr.issue(fresh, clock.instant().plus(Duration.ofHours(19)));

    clock.advance(Duration.ofHours(5).plusMinutes(59));
    provider.authFor(REGISTRY);
    assertThat(ecr.tokenCalls()).isEqualTo(1);
    clock.advance(Duration.ofMinutes(2));
    RegistryAuth renewed = provider.authFor(REGISTRY);

    assertThat(ecr.tokenCalls()).isEqualTo(2);
    assertThat(password(renewed)).isEqualTo(fresh);
  }

  @Test
  void authFor_expiredToken_isRefreshed() throws Exception {
    ecr.issue(secret("expiring"), clock.instant().plus(Duration.ofHours(12)));
    provider().authFor(REGISTRY);
    String next = secret("next");
    ecr.issue(next, clock.instant().plus(Duration.ofHours(25)));

    clock.advance(Duration.ofHours(13));
    RegistryAuth auth = provider().authFor(REGISTRY);

    assertThat(password(auth)).isEqualTo(next);
    assertThat(ecr.tokenCalls()).isEqualTo(2);
    assertThat(notices).isEmpty();
  }

  @Test
  void authFor_ecrDownWithValidCache_usesCacheAndSaysSo() throws Exception {
    String pw = secret("cached");
    ecr.issue(pw, clock.instant().plus(Duration.ofHours(12)));
    provider().authFor(REGISTRY);
    ecr.close();

    clock.advance(Duration.ofHours(8));
    RegistryAuth auth = provider().authFor(REGISTRY);

    assertThat(password(auth)).isEqualTo(pw);
    assertThat(notices).singleElement().asString().contains("unreachable; using the cached token valid until");
  }

  @Test
  void authFor_ecrDownAndCacheExpired_failsAsUnreachable() throws Exception {
    ecr.issue(secret("gone"), clock.instant().plus(Duration.ofHours(12)));
    provider().authFor(REGISTRY);
    ecr.close();

    clock.advance(Duration.ofHours(12));
    EcrTokenException e = assertThrows(EcrTokenException.class, () -> provider().authFor(REGISTRY));
    scan.error(e);

    assertThat(e.isUnreachable()).isTrue();
    assertThat(e.getMessage()).startsWith("Tried to get an ECR token for " + REGISTRY.host()
        + " (account 123456789012, region eu-north-1) with AWS access key from test keys but the ECR API could not be reached")
        .doesNotContain("\n");
  }

  @Test
  void authFor_ecrAnswersError_reportsCodeAndCredentialKind() throws Exception {
    ecr.failWith("InvalidParameterException", "Invalid parameter at 'registryIds'");

    EcrTokenException e = assertThrows(EcrTokenException.class, () -> provider().authFor(REGISTRY));
    scan.error(e);

    assertThat(e.getErrorCode()).contains("InvalidParameterException");
    assertThat(e.isUnreachable()).isFalse();
    assertThat(e.getCredentialKind()).isEqualTo("AWS access key");
    assertThat(e.getMessage()).contains("ECR answered InvalidParameterException: Invalid parameter at 'registryIds'")
        .contains("ecr:GetAuthorizationToken").doesNotContain("\n");
  }

  @Test
  void authFor_ecrErrorWithFreshCache_neverCallsEcr() throws Exception {
    String pw = secret("kept");
    ecr.issue(pw, clock.instant().plus(Duration.ofHours(12)));
    EcrTokenProvider provider = provider();
    provider.authFor(REGISTRY);
    ecr.failWith("AccessDeniedException", "no");

    assertThat(password(provider.authFor(REGISTRY))).isEqualTo(pw);
    assertThat(ecr.tokenCalls()).isEqualTo(1);
  }

  @Test
  void refresh_ignoresCacheAndReplacesIt() throws Exception {
    ecr.issue(secret("rejected"), clock.instant().plus(Duration.ofHours(12)));
    EcrTokenProvider provider = provider();
    provider.authFor(REGISTRY);
    String replacement = secret("replacement");
    ecr.issue(replacement, clock.instant().plus(Duration.ofHours(12)));

    RegistryAuth auth = provider.refresh(REGISTRY);

    assertThat(password(auth)).isEqualTo(replacement);
    assertThat(password(provider().authFor(REGISTRY))).isEqualTo(replacement);
    assertThat(ecr.tokenCalls()).isEqualTo(2);
  }

  @Test
  void cacheWrite_isAtomicAndOwnerOnly_evenInAWideFolder() throws Exception {
    Files.createDirectories(cacheDir());
    Files.setPosixFilePermissions(cacheDir(), PosixFilePermissions.fromString("rwxr-xr-x"));
    EcrTokenCache cache = new EcrTokenCache(cacheDir());
    EcrIdentity identity = EcrIdentity.of(KEY_ID, Optional.empty(), Optional.empty(), Optional.empty());
    EcrToken a = EcrToken.of(Secret.of("QVdTOmE="), clock.instant(), clock.instant().plus(Duration.ofHours(12)));
    EcrToken b = EcrToken.of(Secret.of("QVdTOmJi" + "YmJiYmJiYmJiYmJiYmJiYmJiYmI="), clock.instant(), clock.instant().plus(Duration.ofHours(12)));
    cache.write(REGISTRY, identity, a);
    AtomicBoolean stop = new AtomicBoolean();
    AtomicInteger reads = new AtomicInteger();
    List<String> problems = new ArrayList<>();
    Thread reader = new Thread(() -> {
      while (!stop.get()) {
        Optional<EcrToken> seen = cache.read(REGISTRY, identity);
        reads.incrementAndGet();
        if (seen.isEmpty()) {
          problems.add("a reader saw no complete token");
          return;
        }
      }
    });
    reader.start();

    for (int i = 0; i < 300; i++) {
      cache.write(REGISTRY, identity, i % 2 == 0 ? b : a);
    }
    stop.set(true);
    reader.join();

    assertThat(problems).isEmpty();
    assertThat(reads.get()).isGreaterThan(0);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(cacheDir()))).isEqualTo("rwx------");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(cache.fileFor(REGISTRY, identity)))).isEqualTo("rw-------");
    try (var files = Files.list(cacheDir())) {
      assertThat(files.count()).as("no temporary files left").isEqualTo(1);
    }
  }

  @Test
  void cacheRead_fileOpenToOthers_isIgnored() throws Exception {
    ecr.issue(secret("first"), clock.instant().plus(Duration.ofHours(12)));
    provider().authFor(REGISTRY);
    Files.setPosixFilePermissions(provider().cacheFile(REGISTRY), PosixFilePermissions.fromString("rw-r--r--"));

    provider().authFor(REGISTRY);

    assertThat(ecr.tokenCalls()).isEqualTo(2);
  }

  @Test
  void authFor_endlessAnswer_failsWithoutReadingIt() {
    ecr.answerEndlessly(256L << 20);

    EcrTokenException e = assertThrows(EcrTokenException.class, () -> provider().authFor(REGISTRY));
    scan.error(e);

    assertThat(e.getMessage()).contains("larger than 8 MiB").doesNotContain("\n");
    System.out.println("endless ECR answer: the SDK let the endpoint write " + ecr.streamed() + " bytes");
    assertThat(ecr.streamed()).as("bytes the SDK let ECR write").isLessThan((8L + 16) << 20);
  }

  @Test
  void builder_nonAwsCredentials_isMisuse() {
    assertThrows(IllegalArgumentException.class,
        () -> EcrTokenProvider.builder(RegistryCredentials.usernamePassword("u", Secret.of("p"), "t")));
  }

  private String secret(String prefix) {
    String value = prefix + "-" + LocalRegistry.randomPassword();
    scan.secret(value);
    return value;
  }
}
