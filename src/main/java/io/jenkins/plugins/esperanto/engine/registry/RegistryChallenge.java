package io.jenkins.plugins.esperanto.engine.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Answers a registry's {@code WWW-Authenticate} challenge (Registry HTTP API v2): Basic with the
 * credentials, or Bearer with a token from the challenge's realm. The one place for both the
 * lookup ({@link RemoteImageCheck}) and the prune ({@link PruneRemoteTagsStep}), so that they
 * cannot drift: credentials go to a token realm only over HTTPS or to a loopback address, and the
 * token service's answer is read up to {@link ResponseLimit#TOKEN} only.
 */
final class RegistryChallenge {
  private static final Pattern PARAM = Pattern.compile("(\\w+)=\"([^\"]*)\"");
  private static final ObjectMapper JSON = new ObjectMapper();

  private RegistryChallenge() {}

  /** Why a challenge could not be answered, in words {@link RegistryErrorKind} classifies. */
  static final class Failure extends Exception {
    private static final long serialVersionUID = 1L;

    Failure(String message, Throwable cause) {
      super(message, cause);
    }
  }

  /**
   * The Authorization header that answers {@code challenge} with {@code auth}, asking a Bearer
   * token for {@code scope}; empty when the challenge has a scheme we do not answer.
   *
   * @throws Failure when the token service cannot be reached, refuses, or answers badly
   */
  static Optional<String> answer(HttpClient http, String challenge, RegistryAuth auth, String scope, Duration timeout)
      throws Failure, InterruptedException {
    String scheme = challenge.split(" ", 2)[0].toLowerCase(Locale.ROOT);
    if (scheme.equals("basic")) {
      return basic(auth);
    }
    Map<String, String> params = new LinkedHashMap<>();
    Matcher m = PARAM.matcher(challenge);
    while (m.find()) {
      params.put(m.group(1).toLowerCase(Locale.ROOT), m.group(2));
    }
    String realm = params.get("realm");
    if (!scheme.equals("bearer") || realm == null) {
      return Optional.empty();
    }
    StringBuilder url = new StringBuilder(realm).append(realm.contains("?") ? "&" : "?");
    if (params.containsKey("service")) {
      url.append("service=").append(URLEncoder.encode(params.get("service"), StandardCharsets.UTF_8)).append('&');
    }
    url.append("scope=").append(URLEncoder.encode(scope, StandardCharsets.UTF_8));
    URI tokenUri;
    try {
      tokenUri = URI.create(url.toString());
    } catch (IllegalArgumentException e) {
      throw new Failure("the registry named a malformed token realm", null);
    }
    return Optional.of("Bearer " + fetchToken(http, tokenUri, auth, timeout));
  }

  private static String fetchToken(HttpClient http, URI tokenUri, RegistryAuth auth, Duration timeout)
      throws Failure, InterruptedException {
    HttpRequest.Builder request = HttpRequest.newBuilder(tokenUri).timeout(timeout).GET();
    boolean safe = "https".equalsIgnoreCase(tokenUri.getScheme()) || ("http".equalsIgnoreCase(tokenUri.getScheme())
        && tokenUri.getHost() != null && RemoteImageCheck.isLoopback(tokenUri.getHost()));
    if (safe) {
      basic(auth).ifPresent(h -> request.header("Authorization", h));
    }
    HttpResponse<String> response;
    try {
      response = http.send(request.build(), ResponseLimit.ofString(ResponseLimit.TOKEN));
    } catch (IOException e) {
      if (ResponseLimit.cause(e).isPresent()) {
        throw new Failure("the token server's " + ResponseLimit.cause(e).get().getMessage().replaceFirst("^the ", ""), null);
      }
      throw new Failure("token server unreachable: connection refused (" + e.getClass().getSimpleName() + ")", e);
    } catch (IllegalArgumentException e) {
      throw new Failure("the registry named a malformed token realm", null);
    }
    if (response.statusCode() != 200) {
      throw new Failure("unauthorized: the token server answered HTTP " + response.statusCode(), null);
    }
    try {
      JsonNode body = JSON.readTree(response.body());
      String token = body.path("token").asText(body.path("access_token").asText(""));
      if (token.isEmpty()) {
        throw new Failure("unauthorized: the token server answered without a token", null);
      }
      return token;
    } catch (IOException e) {
      throw new Failure("the token server answered with malformed JSON", null);
    }
  }

  /** The Basic Authorization header for {@code auth}, empty when anonymous. */
  static Optional<String> basic(RegistryAuth auth) {
    if (auth.isAnonymous()) {
      return Optional.empty();
    }
    String pair = auth.username().get() + ":" + auth.password().get().reveal();
    return Optional.of("Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8)));
  }
}
