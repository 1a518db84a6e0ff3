package io.jenkins.plugins.esperanto.engine.registry;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Tests that each kind of AWS credentials reaches ECR as the key the SDK should sign with: a
 * role assumed through STS (a local STS endpoint answering {@code AssumeRole}), and a named
 * profile through the default provider chain (a shared credentials file in a temp folder).
 */
class AwsCredentialKindsTest {
  private static final String ACCOUNT = "123456789012";
  private static final EcrRegistry REGISTRY = EcrRegistry.parseHost(ACCOUNT + ".dkr.ecr.eu-north-1.amazonaws.com").get();
  private static final String ROLE = "arn:aws:iam::210987654321:role/pusher";

  @TempDir Path temp;
  private final SecretScan scan = new SecretScan();
  private final List<AutoCloseable> closeables = new ArrayList<>();

  @AfterEach
  void close() throws Exception {
    for (AutoCloseable c : closeables) {
      c.close();
    }
    System.clearProperty("aws.sharedCredentialsFile");
    System.clearProperty("aws.configFile");
    scan.assertClean();
  }

  @Test
  void awsKeysWithRole_signEcrCallWithAssumedRoleKey() throws Exception {
    String baseSecret = "base-" + LocalRegistry.randomPassword();
    String assumedSecret = "assumed-" + LocalRegistry.randomPassword();
    String password = "pw-" + LocalRegistry.randomPassword();
    List.of(baseSecret, assumedSecret, password).forEach(scan::secret);
    List<String> stsRequests = Collections.synchronizedList(new ArrayList<>());
    URI sts = startSts("ASIAASSUMEDKEY0001", assumedSecret, stsRequests);
    FakeEcr ecr = new FakeEcr("ASIAASSUMEDKEY0001", ACCOUNT);
    closeables.add(ecr);
    ecr.issue(password, Instant.now().plus(Duration.ofHours(12)));
    RegistryCredentials keys = RegistryCredentials.awsKeys("AKIDBASEKEY000001", Secret.of(baseSecret), Optional.empty(),
        Optional.of(ROLE), "test keys");

    RegistryAuth auth = EcrTokenProvider.builder(keys).endpointOverride(ecr.endpoint()).stsEndpointOverride(sts)
        .cacheDirectory(temp.resolve("cache")).apiAttempts(1).build().authFor(REGISTRY);
    scan.text(auth.toString());

    assertThat(auth.password().get().reveal()).isEqualTo(password);
    assertThat(ecr.violations()).isEmpty();
    assertThat(stsRequests).singleElement().asString()
        .contains("Action=AssumeRole").contains("RoleArn=" + ROLE).contains("RoleSessionName=esperanto-ecr")
        .contains("Credential=AKIDBASEKEY000001/");
    assertThat(keys.kind()).isEqualTo("AWS access key assuming role " + ROLE);
  }

  @Test
  void defaultChainWithProfile_signsWithTheProfileKey() throws Exception {
    String profileSecret = "profile-" + LocalRegistry.randomPassword();
    String password = "pw-" + LocalRegistry.randomPassword();
    scan.secret(profileSecret);
    scan.secret(password);
    Path credentials = temp.resolve("credentials");
    Files.writeString(credentials, "[default]\naws_access_key_id = AKIDDEFAULTPROFILE\naws_secret_access_key = other\n\n"
        + "[ci]\naws_access_key_id = AKIDCIPROFILE0001\naws_secret_access_key = " + profileSecret + "\n");
    Files.writeString(temp.resolve("config"), "");
    System.setProperty("aws.sharedCredentialsFile", credentials.toString());
    System.setProperty("aws.configFile", temp.resolve("config").toString());
    FakeEcr ecr = new FakeEcr("AKIDCIPROFILE0001", ACCOUNT);
    closeables.add(ecr);
    ecr.issue(password, Instant.now().plus(Duration.ofHours(12)));

    RegistryAuth auth = EcrTokenProvider.builder(RegistryCredentials.awsDefaultChain(Optional.of("ci"), Optional.empty(), "test"))
        .endpointOverride(ecr.endpoint()).cacheDirectory(temp.resolve("cache")).apiAttempts(1).build().authFor(REGISTRY);

    assertThat(auth.password().get().reveal()).isEqualTo(password);
    assertThat(ecr.violations()).isEmpty();
    assertThat(ecr.tokenCalls()).isEqualTo(1);
  }

  private static String xml(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }

  /** A local STS answering AssumeRole (AWS query protocol, XML) with fixed temporary keys. */
  private URI startSts(String keyId, String secret, List<String> requests) throws Exception {
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/", exchange -> {
      String body = URLDecoder.decode(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8), StandardCharsets.UTF_8);
      requests.add(body + " " + exchange.getRequestHeaders().getFirst("Authorization"));
      byte[] xml = ("<AssumeRoleResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\"><AssumeRoleResult><Credentials>"
          + "<AccessKeyId>" + keyId + "</AccessKeyId><SecretAccessKey>" + xml(secret) + "</SecretAccessKey>"
          + "<SessionToken>session-token</SessionToken><Expiration>" + Instant.now().plus(Duration.ofHours(1)) + "</Expiration>"
          + "</Credentials><AssumedRoleUser><AssumedRoleId>AROA1:esperanto-ecr</AssumedRoleId>"
          + "<Arn>arn:aws:sts::210987654321:assumed-role/pusher/esperanto-ecr</Arn></AssumedRoleUser></AssumeRoleResult>"
          + "<ResponseMetadata><RequestId>1</RequestId></ResponseMetadata></AssumeRoleResponse>").getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().set("Content-Type", "text/xml");
      exchange.sendResponseHeaders(200, xml.length);
      exchange.getResponseBody().write(xml);
      exchange.close();
    });
    server.start();
    closeables.add(() -> server.stop(0));
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }
}
