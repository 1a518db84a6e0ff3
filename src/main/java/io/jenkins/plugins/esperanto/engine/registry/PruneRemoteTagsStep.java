package io.jenkins.plugins.esperanto.engine.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jenkins.plugins.esperanto.engine.prune.KeepNewest;
import io.jenkins.plugins.esperanto.engine.prune.PrunedTag;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * Removes, per image, all but the newest {@code keep} content-key tags from a registry through
 * the Registry HTTP API v2: list the tags, read each manifest's digest and its config's creation
 * time, and {@code DELETE /v2/<name>/manifests/<digest>} for the older ones (the registry must
 * allow deletes; Debian's docker-registry with {@code storage.delete.enabled: true}). A digest
 * that a kept tag also points to is never deleted. Blobs are freed by the registry's own garbage
 * collection.
 */
public final class PruneRemoteTagsStep implements Callable<List<PrunedTag>> {
  private static final Pattern KEY_TAG = Pattern.compile("[0-9a-f]{32}");
  private static final String MANIFESTS = String.join(", ",
      "application/vnd.docker.distribution.manifest.v2+json", "application/vnd.oci.image.manifest.v1+json");
  private static final ObjectMapper JSON = new ObjectMapper();

  private final RegistryLocation location;
  private final RegistryAuthProvider auth;
  private final List<String> names;
  private final int keep;
  private final boolean dryRun;
  private final Consumer<String> log;
  private final HttpClient http = RemoteImageCheck.newHttpClient(Duration.ofSeconds(10));
  private final Map<String, String> authorization = new LinkedHashMap<>();

  /**
   * @param names catalog image names; each is the repository {@code <prefix>/<name>}
   * @param keep tags to keep per image (at least 1)
   */
  public PruneRemoteTagsStep(RegistryLocation location, RegistryAuthProvider auth, List<String> names, int keep,
      boolean dryRun, Consumer<String> log) {
    if (keep < 1) {
      throw new IllegalArgumentException("keep must be at least 1, got " + keep);
    }
    if (!location.hasRegistry()) {
      throw new IllegalArgumentException("no registry host in " + location);
    }
    this.location = location;
    this.auth = auth;
    this.names = List.copyOf(names);
    this.keep = keep;
    this.dryRun = dryRun;
    this.log = log;
  }

  /**
   * @return every content-key tag found, per image newest first, with its decision
   * @throws RegistryException when the registry cannot be read or refuses a delete
   */
  @Override
  public List<PrunedTag> call() throws RegistryException, InterruptedException {
    List<PrunedTag> decisions = new ArrayList<>();
    for (String name : names) {
      ImageReference any = location.referenceFor(name, "latest");
      List<PrunedTag> tags = new ArrayList<>();
      for (String tag : tags(any)) {
        Answer answer = get(any, "/manifests/" + tag, MANIFESTS);
        JsonNode manifest = json(any, answer.body());
        String digest = answer.digest();
        String configDigest = manifest.path("config").path("digest").asText();
        Instant created = Instant.parse(json(any, get(any, "/blobs/" + configDigest, "*/*").body()).path("created").asText());
        tags.add(PrunedTag.of(name, any.withTag(tag).toString(), digest, created, PrunedTag.Decision.KEEP));
      }
      // deleting a manifest deletes every tag on it: one that a kept tag shares stays (in use)
      Set<String> keptDigests = new HashSet<>();
      KeepNewest.decide(tags, keep, t -> false).stream().filter(t -> t.decision() == PrunedTag.Decision.KEEP)
          .forEach(t -> keptDigests.add(t.imageId()));
      for (PrunedTag decided : KeepNewest.decide(tags, keep, t -> keptDigests.contains(t.imageId()))) {
        decisions.add(decided);
        if (decided.decision() == PrunedTag.Decision.REMOVE && !dryRun) {
          delete(any, decided.imageId());
          log.accept("deleted " + decided.reference() + " (" + decided.imageId() + ") from the registry");
        }
      }
    }
    return decisions;
  }

  private List<String> tags(ImageReference any) throws RegistryException, InterruptedException {
    HttpResponse<String> response = send(any, "GET", "/tags/list", "application/json");
    if (response.statusCode() == 404) {
      return List.of();
    }
    List<String> tags = new ArrayList<>();
    json(any, check(any, "list the tags of", response)).path("tags").forEach(t -> {
      if (KEY_TAG.matcher(t.asText()).matches()) {
        tags.add(t.asText());
      }
    });
    return tags;
  }

  /** A body, and the digest the registry gave it (manifests only). */
  private record Answer(String body, String digest) {}

  private Answer get(ImageReference any, String path, String accept) throws RegistryException, InterruptedException {
    HttpResponse<String> response = send(any, "GET", path, accept);
    return new Answer(check(any, "read " + path + " of", response),
        response.headers().firstValue("Docker-Content-Digest").orElse(""));
  }

  private void delete(ImageReference any, String digest) throws RegistryException, InterruptedException {
    HttpResponse<String> response = send(any, "DELETE", "/manifests/" + digest, MANIFESTS);
    if (response.statusCode() == 405) {
      throw new RegistryOperationException("prune", any, "Tried to delete " + any.repositoryWithRegistry() + "@" + digest
          + " but the registry does not allow deletes (HTTP 405); enable storage.delete in its configuration", null);
    }
    check(any, "delete " + digest + " of", response);
  }

  private String check(ImageReference any, String action, HttpResponse<String> response) throws RegistryException {
    int status = response.statusCode();
    if (status >= 200 && status < 300) {
      return response.body();
    }
    String what = "Tried to " + action + " " + any.repositoryWithRegistry() + " but the registry answered HTTP " + status;
    if (status == 401 || status == 403) {
      throw new RegistryOperationException("prune", any, what + "; check the registry credentials and that they may delete", null);
    }
    throw new RegistryOperationException("prune", any, what, null);
  }

  private HttpResponse<String> send(ImageReference any, String method, String path, String accept)
      throws RegistryException, InterruptedException {
    URI uri = URI.create((RemoteImageCheck.isLoopback(any.registry().get()) ? "http://" : "https://")
        + any.registry().get() + "/v2/" + any.repository() + path);
    String repository = any.repository();
    HttpResponse<String> response = exchange(any, method, uri, accept, Optional.ofNullable(authorization.get(repository)));
    if (response.statusCode() == 401) {
      Optional<String> header = answer(response.headers().firstValue("WWW-Authenticate").orElse(""), any);
      if (header.isPresent()) {
        authorization.put(repository, header.get());
        response = exchange(any, method, uri, accept, header);
      }
    }
    if (response.statusCode() == 307 || response.statusCode() == 302) {
      // blob storage redirects (S3, GCS): the signed URL needs no registry credentials
      URI target = uri.resolve(response.headers().firstValue("Location").orElse(uri.toString()));
      response = exchange(any, method, target, accept, Optional.empty());
    }
    return response;
  }

  private HttpResponse<String> exchange(ImageReference any, String method, URI uri, String accept,
      Optional<String> authorization)
      throws RegistryException, InterruptedException {
    HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30)).header("Accept", accept)
        .method(method, HttpRequest.BodyPublishers.noBody());
    authorization.ifPresent(a -> request.header("Authorization", a));
    try {
      return http.send(request.build(), ResponseLimit.ofString(ResponseLimit.DOCUMENT));
    } catch (IOException e) {
      if (ResponseLimit.cause(e).isPresent()) {
        throw new RegistryOperationException("prune", any, "Tried to " + method + " " + uri.getPath() + " of "
            + any.repositoryWithRegistry() + " but " + ResponseLimit.cause(e).get().getMessage()
            + "; that is no registry answer", null);
      }
      throw new RegistryUnreachableException("prune", any, 1, method + " " + uri.getPath() + ": "
          + e.getClass().getSimpleName(), e);
    }
  }

  /** The Authorization header for the registry's challenge: Basic, or a Bearer token with pull and delete scope. */
  private Optional<String> answer(String challenge, ImageReference any) throws RegistryException, InterruptedException {
    try {
      return RegistryChallenge.answer(http, challenge, auth.authFor(any), "repository:" + any.repository() + ":pull,delete",
          Duration.ofSeconds(30));
    } catch (RegistryChallenge.Failure e) {
      throw new RegistryOperationException("prune", any, "Tried to get a token to prune " + any.repositoryWithRegistry()
          + " but " + e.getMessage() + "; check the registry credentials", null);
    }
  }

  private static JsonNode json(ImageReference any, String text) throws RegistryOperationException {
    try {
      return JSON.readTree(text);
    } catch (IOException e) {
      throw new RegistryOperationException("prune", any, "The registry answered with malformed JSON: " + e.getClass().getSimpleName(), null);
    }
  }
}
