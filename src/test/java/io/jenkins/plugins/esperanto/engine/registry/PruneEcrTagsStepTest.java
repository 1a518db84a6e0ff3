package io.jenkins.plugins.esperanto.engine.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.jenkins.plugins.esperanto.engine.prune.PrunedTag;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Tests for {@link PruneEcrTagsStep}: the real AWS SDK against a local endpoint that answers
 * {@code DescribeImages} and {@code BatchDeleteImage} in the AWS JSON 1.1 protocol from an
 * in-memory repository, and checks that every call is SigV4-signed with the given key.
 */
class PruneEcrTagsStepTest {
  private static final String ACCOUNT = "123456789012";
  private static final String KEY_ID = "AKIAPRUNETEST0000000";
  private static final ObjectMapper JSON = new ObjectMapper();

  private HttpServer server;
  private final Map<String, Long> pushedAt = new LinkedHashMap<>();
  private final List<String> deleteCalls = Collections.synchronizedList(new ArrayList<>());
  private final List<String> violations = Collections.synchronizedList(new ArrayList<>());

  @BeforeEach
  void setUp() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/", this::handle);
    server.start();
  }

  @AfterEach
  void tearDown() {
    server.stop(0);
  }

  private static String tag(int n) {
    return String.format("%032x", n);
  }

  private void handle(HttpExchange exchange) throws IOException {
    JsonNode request = JSON.readTree(exchange.getRequestBody().readAllBytes());
    String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
    String authorization = exchange.getRequestHeaders().getFirst("Authorization");
    if (authorization == null || !authorization.contains("Credential=" + KEY_ID + "/")) {
      violations.add("unsigned " + target);
    }
    ObjectNode answer = JSON.createObjectNode();
    int status = 200;
    if (!request.path("repositoryName").asText().equals("team/base")) {
      status = 400;
      answer.put("__type", "RepositoryNotFoundException").put("message", "no " + request.path("repositoryName").asText());
    } else if (target.endsWith(".DescribeImages")) {
      ArrayNode details = answer.putArray("imageDetails");
      synchronized (pushedAt) {
        pushedAt.forEach((tag, at) -> details.addObject().put("registryId", ACCOUNT).put("repositoryName", "team/base")
            .put("imageDigest", "sha256:" + tag + tag).put("imagePushedAt", at).putArray("imageTags").add(tag));
      }
    } else if (target.endsWith(".BatchDeleteImage")) {
      ArrayNode ids = answer.putArray("imageIds");
      answer.putArray("failures");
      for (JsonNode id : request.path("imageIds")) {
        String tag = id.path("imageTag").asText();
        deleteCalls.add(tag);
        synchronized (pushedAt) {
          pushedAt.remove(tag);
        }
        ids.addObject().put("imageTag", tag).put("imageDigest", "sha256:" + tag + tag);
      }
    } else {
      status = 400;
      answer.put("__type", "UnknownOperationException");
    }
    byte[] body = JSON.writeValueAsBytes(answer);
    exchange.getResponseHeaders().add("Content-Type", "application/x-amz-json-1.1");
    exchange.sendResponseHeaders(status, body.length);
    exchange.getResponseBody().write(body);
    exchange.close();
  }

  private PruneEcrTagsStep step(List<String> names, boolean dryRun, List<String> log) throws Exception {
    RegistryLocation location = RegistryLocation.parse(ACCOUNT + ".dkr.ecr.eu-north-1.amazonaws.com/team");
    RegistryCredentials credentials = RegistryCredentials.awsKeys(KEY_ID, Secret.of("secret-" + LocalRegistry.randomPassword()),
        Optional.empty(), Optional.empty(), "test");
    return new PruneEcrTagsStep(location, credentials, Optional.of(URI.create("http://127.0.0.1:" + server.getAddress().getPort())),
        names, 2, dryRun, log::add);
  }

  @Test
  void call_deletesAllButTheNewestTwoTagsByPushTime() throws Exception {
    pushedAt.put(tag(1), 1_700_000_100L);
    pushedAt.put(tag(3), 1_700_000_300L);
    pushedAt.put(tag(2), 1_700_000_200L);
    pushedAt.put(tag(4), 1_700_000_400L);
    pushedAt.put("latest", 1_700_000_500L); // not a content-key tag: never touched

    List<PrunedTag> dry = step(List.of("base"), true, new ArrayList<>()).call();
    assertThat(dry).extracting(PrunedTag::decision).containsExactly(PrunedTag.Decision.KEEP, PrunedTag.Decision.KEEP,
        PrunedTag.Decision.REMOVE, PrunedTag.Decision.REMOVE);
    assertThat(deleteCalls).isEmpty();

    List<String> log = new ArrayList<>();
    List<PrunedTag> tags = step(List.of("base", "absent"), false, log).call();

    assertThat(tags).extracting(PrunedTag::reference).containsExactly(
        ACCOUNT + ".dkr.ecr.eu-north-1.amazonaws.com/team/base:" + tag(4),
        ACCOUNT + ".dkr.ecr.eu-north-1.amazonaws.com/team/base:" + tag(3),
        ACCOUNT + ".dkr.ecr.eu-north-1.amazonaws.com/team/base:" + tag(2),
        ACCOUNT + ".dkr.ecr.eu-north-1.amazonaws.com/team/base:" + tag(1));
    assertThat(deleteCalls).containsExactlyInAnyOrder(tag(1), tag(2));
    assertThat(pushedAt).containsOnlyKeys(tag(3), tag(4), "latest");
    assertThat(log).hasSize(2);
    assertThat(violations).isEmpty();
  }

  @Test
  void constructor_needsAnEcrLocation() throws Exception {
    RegistryLocation plain = RegistryLocation.parse("127.0.0.1:5000/team");
    RegistryCredentials credentials = RegistryCredentials.awsKeys(KEY_ID, Secret.of("s"), Optional.empty(),
        Optional.empty(), "test");
    assertThatThrownBy(() -> new PruneEcrTagsStep(plain, credentials, Optional.empty(), List.of("base"), 1, true, l -> { }))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ECR location");
  }
}
