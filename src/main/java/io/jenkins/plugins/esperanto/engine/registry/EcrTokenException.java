package io.jenkins.plugins.esperanto.engine.registry;

import java.util.Optional;

/**
 * ECR did not issue a token: it answered with an error (access denied, invalid parameter) or
 * could not be reached and no cached token was still valid.
 */
public final class EcrTokenException extends RegistryException {
  private static final long serialVersionUID = 1L;

  private final String registry;
  private final String credentialKind;
  private final String credentialSource;
  private final String errorCode;
  private final boolean unreachable;

  EcrTokenException(String message, EcrRegistry registry, RegistryCredentials credentials, Optional<String> errorCode,
      boolean unreachable, Throwable cause) {
    super(message, cause);
    this.registry = registry.host();
    this.credentialKind = credentials.kind();
    this.credentialSource = credentials.source();
    this.errorCode = errorCode.orElse(null);
    this.unreachable = unreachable;
  }

  /** The registry host a token was requested for. */
  public String getRegistry() {
    return registry;
  }

  /** The kind of credentials used, e.g. "AWS access key". */
  public String getCredentialKind() {
    return credentialKind;
  }

  /** Where they came from. */
  public String getCredentialSource() {
    return credentialSource;
  }

  /** The ECR error code, such as {@code AccessDeniedException}, when ECR answered. */
  public Optional<String> getErrorCode() {
    return Optional.ofNullable(errorCode);
  }

  /** True when the ECR API could not be reached (network, timeouts, server errors). */
  public boolean isUnreachable() {
    return unreachable;
  }
}
