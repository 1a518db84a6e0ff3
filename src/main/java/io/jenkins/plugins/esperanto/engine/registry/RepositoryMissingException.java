package io.jenkins.plugins.esperanto.engine.registry;

/**
 * The repository, or the tag in it, does not exist in the registry. For a pull this usually
 * means the image was never pushed; for an ECR push, that the repository must be created first.
 */
public final class RepositoryMissingException extends RegistryOperationException {
  private static final long serialVersionUID = 1L;

  private final boolean repositoryMissing;

  RepositoryMissingException(String operation, ImageReference reference, boolean repositoryMissing, String registryMessage,
      Throwable cause) {
    super(operation, reference, "Tried to " + operation + " " + reference + " but the registry has no "
        + (repositoryMissing ? "repository " + reference.repository() : "such tag") + " (" + registryMessage + "); "
        + (repositoryMissing
            ? "create it (for ECR: --create-repository) or check the registry prefix"
            : "push it first or check the tag"), cause);
    this.repositoryMissing = repositoryMissing;
  }

  /** True when the whole repository is missing, false when only the tag is. */
  public boolean isRepositoryMissing() {
    return repositoryMissing;
  }
}
