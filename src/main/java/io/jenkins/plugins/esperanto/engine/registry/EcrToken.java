package io.jenkins.plugins.esperanto.engine.registry;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;

/**
 * An ECR authorization token: base64 of {@code AWS:<password>}, when it was fetched and when it
 * expires (12 hours later, as ECR issues them). It is a credential: whoever holds it can push
 * and pull for its account for its lifetime.
 */
final class EcrToken {
  /** Margin before expiry after which a token is no longer used even as a fallback. */
  static final Duration EXPIRY_MARGIN = Duration.ofMinutes(1);

  private final Secret authorizationToken;
  private final Instant fetchedAt;
  private final Instant expiresAt;

  private EcrToken(Secret authorizationToken, Instant fetchedAt, Instant expiresAt) {
    this.authorizationToken = authorizationToken;
    this.fetchedAt = fetchedAt;
    this.expiresAt = expiresAt;
  }

  /** A token as ECR returned it. */
  static EcrToken of(Secret authorizationToken, Instant fetchedAt, Instant expiresAt) {
    return new EcrToken(authorizationToken, fetchedAt, expiresAt);
  }

  /**
   * True while in the first half of its lifetime: the ECR credential helper's rule, which
   * leaves hours of margin for long pushes and clock skew.
   */
  boolean isFresh(Instant now) {
    Duration lifetime = Duration.between(fetchedAt, expiresAt);
    return !now.isBefore(fetchedAt.minus(Duration.ofMinutes(5))) && now.isBefore(fetchedAt.plus(lifetime.dividedBy(2)));
  }

  /** True until shortly before it expires: usable as a fallback when the API is unreachable. */
  boolean isUsable(Instant now) {
    return now.isBefore(expiresAt.minus(EXPIRY_MARGIN));
  }

  Secret authorizationToken() {
    return authorizationToken;
  }

  Instant fetchedAt() {
    return fetchedAt;
  }

  Instant expiresAt() {
    return expiresAt;
  }

  /** The registry password: the part of the decoded token after {@code AWS:}. */
  Secret password() {
    String decoded = new String(Base64.getDecoder().decode(authorizationToken.reveal()), StandardCharsets.UTF_8);
    int colon = decoded.indexOf(':');
    return Secret.of(colon >= 0 ? decoded.substring(colon + 1) : decoded);
  }

  /** The registry username, {@code AWS} for every ECR token. */
  String username() {
    String decoded = new String(Base64.getDecoder().decode(authorizationToken.reveal()), StandardCharsets.UTF_8);
    int colon = decoded.indexOf(':');
    return colon >= 0 ? decoded.substring(0, colon) : "AWS";
  }

  @Override
  public String toString() {
    return "ECR token (****) fetched " + fetchedAt + ", expires " + expiresAt;
  }
}
