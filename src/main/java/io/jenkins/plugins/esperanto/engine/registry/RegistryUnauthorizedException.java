package io.jenkins.plugins.esperanto.engine.registry;

/** The registry refused the credentials (or required some and none were configured). */
public final class RegistryUnauthorizedException extends RegistryOperationException {
  private static final long serialVersionUID = 1L;

  private final String credentialKind;
  private final String credentialSource;

  RegistryUnauthorizedException(String operation, ImageReference reference, RegistryCredentials used,
      String registryMessage, Throwable cause) {
    super(operation, reference, message(operation, reference, used, registryMessage), cause);
    this.credentialKind = used.kind();
    this.credentialSource = used.source();
  }

  private static String message(String operation, ImageReference reference, RegistryCredentials used, String registryMessage) {
    String registry = reference.registry().orElse("the registry");
    if (used instanceof RegistryCredentials.Anonymous) {
      return "Tried to " + operation + " " + reference + " but " + registry + " requires credentials and none were configured ("
          + registryMessage + "); give --username with --password-stdin, set ESPERANTO_REGISTRY_USERNAME and"
          + " ESPERANTO_REGISTRY_PASSWORD (with ESPERANTO_REGISTRY_HOST=" + registry + " unless --repository is on it),"
          + " or add the registry to ~/.config/esperanto/config.yaml";
    }
    return "Tried to " + operation + " " + reference + " but " + registry + " refused the " + used.kind() + " from "
        + used.source() + " (" + registryMessage + "); check those credentials and their permissions on the repository";
  }

  /** The kind of credentials that were refused, e.g. "username/password". */
  public String getCredentialKind() {
    return credentialKind;
  }

  /** Where those credentials came from, e.g. "environment (ESPERANTO_REGISTRY_USERNAME, ...)". */
  public String getCredentialSource() {
    return credentialSource;
  }
}
