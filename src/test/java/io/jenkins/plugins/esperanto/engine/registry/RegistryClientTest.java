package io.jenkins.plugins.esperanto.engine.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.github.dockerjava.api.DockerClient;
import io.jenkins.plugins.esperanto.engine.docker.DockerConnection;
import io.jenkins.plugins.esperanto.engine.docker.DockerEndpoint;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Tests for {@link RegistryClient}, {@link PushImageStep}, {@link PullImageStep} and
 * {@link RemoteImageCheck}: the real Docker Engine, a real registry with bcrypt htpasswd
 * ({@link LocalRegistry}) and, for the ECR path, the real AWS SDK against {@link FakeEcr}.
 * The last test scans everything the others recorded for secrets.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RegistryClientTest {
  private static final String ACCOUNT = "123456789012";
  private static final String KEY_ID = "AKIDREGISTRYTEST01";
  private static final String SECRET_KEY = "sk-" + LocalRegistry.randomPassword();

  @RegisterExtension static final LocalRegistry REGISTRY = new LocalRegistry();
  private static final SecretScan SCAN = new SecretScan();
  private static final String PREFIX = DockerCli.uniquePrefix();
  private static final List<String> CREATED = Collections.synchronizedList(new ArrayList<>());
  private static final List<String> PUSHED = Collections.synchronizedList(new ArrayList<>());
  private static DockerClient docker;

  @TempDir Path temp;

  @BeforeAll
  static void connect() throws Exception {
    docker = DockerConnection.connect(DockerEndpoint.resolve(Optional.empty(), System.getenv()));
    REGISTRY.secrets().forEach(SCAN::secret);
    SCAN.secret(SECRET_KEY);
  }

  @AfterAll
  static void cleanUp() throws Exception {
    DockerCli.removeImages(CREATED.toArray(String[]::new));
    docker.close();
  }

  private static ImageReference newReference(String name) throws Exception {
    ImageReference reference = RegistryLocation.parse(REGISTRY.host() + "/" + PREFIX).referenceFor(name, "t" + UUID.randomUUID().toString().substring(0, 8));
    CREATED.add(reference.toString());
    return reference;
  }

  private static RegistryCredentials basic(String password) {
    return RegistryCredentials.usernamePassword("esperanto", Secret.of(password), "test flags");
  }

  private static RegistryClient client(RegistryLocation location, RegistryCredentials credentials, Optional<EcrTokenProvider> tokens,
      RetryPolicy retry) {
    return RegistryClient.builder(docker, RegistryAuthProvider.of(location, credentials, tokens))
        .progress(ProgressOutput.lines(SCAN.sink(), Duration.ZERO)).retry(retry).lookupTimeout(Duration.ofSeconds(5)).build();
  }

  private static RegistryClient client(RegistryCredentials credentials) throws Exception {
    return client(RegistryLocation.parse(REGISTRY.host() + "/" + PREFIX), credentials, Optional.empty(), RetryPolicy.of(2, Duration.ofMillis(10)));
  }

  private static <T extends Throwable> T recorded(T error) {
    SCAN.error(error);
    return error;
  }

  @Test
  @Order(1)
  void pushPull_withPassword_roundTripsToTheSameImageIdOnACleanDaemon() throws Exception {
    ImageReference reference = newReference("base");
    String id = DockerCli.buildTiny(reference.toString());
    RegistryClient client = client(basic(REGISTRY.password("esperanto")));
    int linesBefore = SCAN.texts().size();

    String digest = client.push(reference);
    PUSHED.add(reference.toString());
    boolean exists = client.exists(reference);
    boolean otherTagExists = client.exists(reference.withTag("never-pushed"));
    DockerCli.removeImages(reference.toString());
    boolean localAfterRemove = DockerCli.succeeds("image", "inspect", reference.toString());
    Optional<String> pulledId = client.pullIfPresent(reference);
    Optional<String> absent = client.pullIfPresent(reference.withTag("never-pushed"));

    assertThat(digest).startsWith("sha256:");
    assertThat(exists).isTrue();
    assertThat(otherTagExists).isFalse();
    assertThat(localAfterRemove).as("the local image was removed before the pull").isFalse();
    assertThat(pulledId).contains(id);
    assertThat(absent).isEmpty();
    List<String> progress = SCAN.texts().subList(linesBefore, SCAN.texts().size());
    assertThat(progress).anyMatch(l -> l.startsWith("push " + reference + ": layer ") && l.contains("pushed"));
    assertThat(progress).anyMatch(l -> l.startsWith("push " + reference + ": pushed " + digest));
    assertThat(progress).anyMatch(l -> l.startsWith("pull " + reference + ": pulled " + id));
  }

  @Test
  @Order(2)
  void push_wrongPassword_isUnauthorizedNamingKindAndSource() throws Exception {
    ImageReference reference = newReference("wrongpw");
    DockerCli.buildTiny(reference.toString());
    String wrong = "wrong-" + LocalRegistry.randomPassword();
    SCAN.secret(wrong);

    RegistryUnauthorizedException e = recorded(assertThrows(RegistryUnauthorizedException.class, () -> client(basic(wrong)).push(reference)));

    assertThat(e.getMessage()).isEqualTo("Tried to push " + reference + " but " + REGISTRY.host()
        + " refused the username/password from test flags (unauthorized: authentication required);"
        + " check those credentials and their permissions on the repository");
    assertThat(e.getCredentialKind()).isEqualTo("username/password");
    assertThat(e.getReference()).isEqualTo(reference.toString());
  }

  @Test
  @Order(3)
  void exists_wrongPassword_isUnauthorized() throws Exception {
    String wrong = "wrong-" + LocalRegistry.randomPassword();
    SCAN.secret(wrong);
    ImageReference reference = newReference("lookup");

    RegistryUnauthorizedException e = recorded(assertThrows(RegistryUnauthorizedException.class, () -> client(basic(wrong)).exists(reference)));

    assertThat(e.getMessage()).startsWith("Tried to look up " + reference + " but " + REGISTRY.host() + " refused the username/password");
  }

  @Test
  @Order(4)
  void push_anonymous_saysCredentialsAreNeeded() throws Exception {
    ImageReference reference = newReference("anon");
    DockerCli.buildTiny(reference.toString());

    RegistryUnauthorizedException e = recorded(assertThrows(RegistryUnauthorizedException.class,
        () -> client(RegistryCredentials.anonymous()).push(reference)));

    assertThat(e.getMessage()).contains("requires credentials and none were configured").contains("--password-stdin")
        .contains("ESPERANTO_REGISTRY_HOST=" + REGISTRY.host() + " unless --repository is on it");
  }

  @Test
  @Order(5)
  void pull_missingTag_isRepositoryMissingForTheTag() throws Exception {
    ImageReference reference = newReference("absent");

    RepositoryMissingException e = recorded(assertThrows(RepositoryMissingException.class,
        () -> client(basic(REGISTRY.password("esperanto"))).pull(reference)));

    assertThat(e.isRepositoryMissing()).isFalse();
    assertThat(e.getMessage()).startsWith("Tried to pull " + reference + " but the registry has no such tag (")
        .endsWith("push it first or check the tag");
  }

  @Test
  @Order(6)
  void push_localImageMissing_saysToBuildFirst() throws Exception {
    ImageReference reference = newReference("notbuilt");

    RegistryOperationException e = recorded(assertThrows(RegistryOperationException.class,
        () -> client(basic(REGISTRY.password("esperanto"))).push(reference)));

    assertThat(e.getMessage()).isEqualTo("Tried to push " + reference + " but there is no local image with that reference; build or tag it first");
  }

  @Test
  @Order(7)
  void pushAndLookup_registryDown_retryBoundedThenOneLine() throws Exception {
    int closedPort = LocalRegistry.freePort();
    RegistryLocation down = RegistryLocation.parse("127.0.0.1:" + closedPort + "/" + PREFIX);
    ImageReference reference = down.referenceFor("down", "t1");
    CREATED.add(reference.toString());
    DockerCli.buildTiny(reference.toString());
    RegistryClient client = client(down, basic(REGISTRY.password("esperanto")), Optional.empty(), RetryPolicy.of(3, Duration.ofMillis(20)));
    int linesBefore = SCAN.texts().size();

    long start = System.nanoTime();
    RegistryUnreachableException push = recorded(assertThrows(RegistryUnreachableException.class, () -> client.push(reference)));
    RegistryUnreachableException lookup = recorded(assertThrows(RegistryUnreachableException.class, () -> client.exists(reference)));
    Duration took = Duration.ofNanos(System.nanoTime() - start);

    assertThat(push.getAttempts()).isEqualTo(3);
    assertThat(lookup.getAttempts()).isEqualTo(3);
    assertThat(push.getMessage()).startsWith("Tried to push " + reference + " but the registry 127.0.0.1:" + closedPort
        + " was unreachable after 3 attempts (").contains("connection refused").doesNotContain("\n");
    assertThat(SCAN.texts().subList(linesBefore, SCAN.texts().size()))
        .filteredOn(l -> l.contains("registry unreachable")).hasSize(2);
    assertThat(took).isLessThan(Duration.ofSeconds(30));
  }

  @Test
  @Order(8)
  void ecrPath_tokenFromSdk_pushesLooksUpAndPullsWithOneApiCall() throws Exception {
    try (FakeEcr ecr = new FakeEcr(KEY_ID, ACCOUNT)) {
      ecr.issue(REGISTRY.password("AWS"), Instant.now().plus(Duration.ofHours(12)));
      RegistryLocation location = RegistryLocation.parse(REGISTRY.host() + "/" + PREFIX).withEcr(ACCOUNT, "eu-north-1");
      RegistryClient client = ecrClient(location, ecr);
      ImageReference reference = location.referenceFor("ecr", "t" + UUID.randomUUID().toString().substring(0, 8));
      CREATED.add(reference.toString());
      String id = DockerCli.buildTiny(reference.toString());

      client.push(reference);
      PUSHED.add(reference.toString());
      boolean exists = client.exists(reference);
      DockerCli.removeImages(reference.toString());
      String pulled = client.pull(reference);

      assertThat(exists).isTrue();
      assertThat(pulled).isEqualTo(id);
      assertThat(ecr.tokenCalls()).isEqualTo(1);
      assertThat(ecr.violations()).isEmpty();
    }
  }

  @Test
  @Order(9)
  void ecrPath_tokenRejectedMidPush_refreshesOnceAndSucceeds() throws Exception {
    try (FakeEcr ecr = new FakeEcr(KEY_ID, ACCOUNT)) {
      String stale = "stale-" + LocalRegistry.randomPassword();
      SCAN.secret(stale);
      ecr.issueOnce(stale, Instant.now().plus(Duration.ofHours(12)));
      ecr.issue(REGISTRY.password("AWS"), Instant.now().plus(Duration.ofHours(12)));
      RegistryLocation location = RegistryLocation.parse(REGISTRY.host() + "/" + PREFIX).withEcr(ACCOUNT, "eu-north-1");
      ImageReference reference = location.referenceFor("refresh", "t" + UUID.randomUUID().toString().substring(0, 8));
      CREATED.add(reference.toString());
      DockerCli.buildTiny(reference.toString());
      int linesBefore = SCAN.texts().size();

      String digest = ecrClient(location, ecr).push(reference);
      PUSHED.add(reference.toString());

      assertThat(digest).startsWith("sha256:");
      assertThat(ecr.tokenCalls()).isEqualTo(2);
      assertThat(SCAN.texts().subList(linesBefore, SCAN.texts().size()))
          .anyMatch(l -> l.contains("the registry rejected the ECR token; fetching a new one and trying once more"));
    }
  }

  @Test
  @Order(10)
  void ecrPath_tokenRejectedTwice_isUnauthorizedNamingAwsKeys() throws Exception {
    try (FakeEcr ecr = new FakeEcr(KEY_ID, ACCOUNT)) {
      String bad = "bad-" + LocalRegistry.randomPassword();
      SCAN.secret(bad);
      ecr.issue(bad, Instant.now().plus(Duration.ofHours(12)));
      RegistryLocation location = RegistryLocation.parse(REGISTRY.host() + "/" + PREFIX).withEcr(ACCOUNT, "eu-north-1");
      ImageReference reference = location.referenceFor("rejected", "t1");
      CREATED.add(reference.toString());
      DockerCli.buildTiny(reference.toString());

      RegistryUnauthorizedException e = recorded(assertThrows(RegistryUnauthorizedException.class, () -> ecrClient(location, ecr).push(reference)));

      assertThat(e.getMessage()).contains("refused the AWS access key from test AWS keys");
      assertThat(ecr.tokenCalls()).isEqualTo(2);
    }
  }

  @Test
  @Order(11)
  void ecrPath_endpointError_failsBeforeTouchingTheRegistry() throws Exception {
    try (FakeEcr ecr = new FakeEcr(KEY_ID, ACCOUNT)) {
      ecr.failWith("AccessDeniedException", "User is not authorized to perform: ecr:GetAuthorizationToken");
      RegistryLocation location = RegistryLocation.parse(REGISTRY.host() + "/" + PREFIX).withEcr(ACCOUNT, "eu-north-1");
      ImageReference reference = location.referenceFor("denied", "t1");
      CREATED.add(reference.toString());
      DockerCli.buildTiny(reference.toString());

      EcrTokenException e = recorded(assertThrows(EcrTokenException.class, () -> ecrClient(location, ecr).push(reference)));

      assertThat(e.getErrorCode()).contains("AccessDeniedException");
      assertThat(e.getMessage()).contains("ECR answered AccessDeniedException: User is not authorized");
    }
  }

  @Test
  @Order(12)
  void createIfMissing_createsOnceThenReportsExisting() throws Exception {
    try (FakeEcr ecr = new FakeEcr(KEY_ID, ACCOUNT)) {
      EcrRepositories repositories = EcrRepositories.of(EcrRegistry.of(REGISTRY.host(), ACCOUNT, "eu-north-1"), awsKeys(),
          Optional.of(ecr.endpoint()));

      boolean first = repositories.createIfMissing(PREFIX + "/base", true, true);
      boolean second = repositories.createIfMissing(PREFIX + "/base", true, true);

      assertThat(first).isTrue();
      assertThat(second).isFalse();
      assertThat(ecr.createdRepositories()).containsExactly(PREFIX + "/base");
      assertThat(ecr.violations()).isEmpty();
    }
  }

  @Test
  @Order(13)
  void terminalProgress_redrawsOneLiveLine() throws Exception {
    ImageReference reference = newReference("terminal");
    DockerCli.buildTiny(reference.toString());
    StringWriter screen = new StringWriter();
    RegistryClient client = RegistryClient.builder(docker, RegistryAuthProvider.of(RegistryLocation.of(reference),
        basic(REGISTRY.password("esperanto")), Optional.empty())).progress(ProgressOutput.terminal(new PrintWriter(screen))).build();

    client.push(reference);
    PUSHED.add(reference.toString());
    SCAN.text(screen.toString());

    assertThat(screen.toString()).contains("\r\033[K").contains("push " + reference + ": pushed sha256:");
  }

  @Test
  @Order(100)
  void secretScan_outputsHistoryEnvArgvAndDockerConfig_holdNoSecret() throws Exception {
    assertThat(PUSHED).isNotEmpty();
    for (String image : PUSHED) {
      if (!DockerCli.succeeds("image", "inspect", image)) {
        client(basic(REGISTRY.password("esperanto"))).pull(ImageReference.parse(image));
      }
      SCAN.text(DockerCli.history(image));
      SCAN.text(DockerCli.containerEnvironment(image));
      SCAN.text(DockerCli.run("image", "inspect", image));
    }
    SCAN.text(new String(Files.readAllBytes(Path.of("/proc/" + REGISTRY.pid() + "/cmdline")), StandardCharsets.UTF_8));
    SCAN.text(new String(Files.readAllBytes(Path.of("/proc/" + REGISTRY.pid() + "/environ")), StandardCharsets.UTF_8));

    SCAN.assertClean();
    assertThat(SCAN.texts()).hasSizeGreaterThan(20);
  }

  private RegistryClient ecrClient(RegistryLocation location, FakeEcr ecr) {
    EcrTokenProvider tokens = EcrTokenProvider.builder(awsKeys()).endpointOverride(ecr.endpoint()).cacheDirectory(temp.resolve("ecr"))
        .apiAttempts(1).apiTimeout(Duration.ofSeconds(2)).notices(SCAN.sink()).build();
    return client(location, awsKeys(), Optional.of(tokens), RetryPolicy.of(2, Duration.ofMillis(10)));
  }

  private static RegistryCredentials awsKeys() {
    return RegistryCredentials.awsKeys(KEY_ID, Secret.of(SECRET_KEY), Optional.empty(), Optional.empty(), "test AWS keys");
  }
}
