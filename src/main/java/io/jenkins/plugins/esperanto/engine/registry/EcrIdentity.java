package io.jenkins.plugins.esperanto.engine.registry;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Who fetched an ECR token: a one-way digest (SHA-256) of the access key id, the profile, the
 * role to assume and the web-identity token file. The ECR token cache is keyed by it, so that a
 * caller with other keys, another profile, another role or no credentials never gets a token
 * that someone else fetched. The secret key is never part of it, and neither the key id nor the
 * other parts can be read back from it (it names files in a shared cache folder).
 */
final class EcrIdentity {
  private static final HexFormat HEX = HexFormat.of();

  private final String digest;

  private EcrIdentity(String digest) {
    this.digest = digest;
  }

  /** The identity of credentials that resolved to {@code accessKeyId}, with what selected and wraps them. */
  static EcrIdentity of(String accessKeyId, Optional<String> profile, Optional<String> roleArn,
      Optional<String> webIdentityFile) {
    MessageDigest sha;
    try {
      sha = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has SHA-256", e);
    }
    update(sha, "esperanto-ecr-identity-1");
    update(sha, accessKeyId);
    update(sha, profile.orElse(""));
    update(sha, roleArn.orElse(""));
    update(sha, webIdentityFile.orElse(""));
    return new EcrIdentity(HEX.formatHex(sha.digest(), 0, 16));
  }

  /** 32 hex digits, safe in a file name. */
  String digest() {
    return digest;
  }

  /** Length-prefixed, so that moving text from one part to the next changes the digest. */
  private static void update(MessageDigest sha, String part) {
    byte[] bytes = part.getBytes(StandardCharsets.UTF_8);
    sha.update((bytes.length + ":").getBytes(StandardCharsets.US_ASCII));
    sha.update(bytes);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof EcrIdentity && ((EcrIdentity) other).digest.equals(digest);
  }

  @Override
  public int hashCode() {
    return digest.hashCode();
  }

  @Override
  public String toString() {
    return "ECR caller identity " + digest;
  }
}
