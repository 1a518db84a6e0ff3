package io.jenkins.plugins.esperanto.engine.registry;

import io.jenkins.plugins.esperanto.engine.api.Printable;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.ecr.model.ImageTagMutability;
import software.amazon.awssdk.services.ecr.model.RepositoryAlreadyExistsException;

/** Creates ECR repositories on demand ({@code --create-repository}). */
public final class EcrRepositories {
  private final EcrRegistry registry;
  private final RegistryCredentials credentials;
  private final Optional<URI> endpointOverride;

  private EcrRepositories(EcrRegistry registry, RegistryCredentials credentials, Optional<URI> endpointOverride) {
    this.registry = registry;
    this.credentials = credentials;
    this.endpointOverride = endpointOverride;
  }

  /**
   * Repositories of {@code registry}, managed with AWS {@code credentials}; {@code endpointOverride}
   * calls ECR at another address (VPC endpoints, tests).
   *
   * @throws IllegalArgumentException when the credentials are not AWS credentials
   */
  public static EcrRepositories of(EcrRegistry registry, RegistryCredentials credentials, Optional<URI> endpointOverride) {
    if (!credentials.isAws()) {
      throw new IllegalArgumentException("creating ECR repositories needs AWS credentials, not " + credentials.kind());
    }
    return new EcrRepositories(registry, credentials, endpointOverride);
  }

  /**
   * Creates {@code repository} unless it exists.
   *
   * @param scanOnPush whether ECR scans each pushed image
   * @param immutableTags whether a pushed tag can never be overwritten (content keys never change)
   * @return true when it was created, false when it already existed
   * @throws RegistryException when ECR refuses or cannot be reached
   */
  public boolean createIfMissing(String repository, boolean scanOnPush, boolean immutableTags) throws RegistryException {
    try (AwsClients aws = AwsClients.open(registry, credentials, endpointOverride, Optional.empty(), Duration.ofSeconds(10), 3)) {
      aws.ecr().createRepository(r -> r.registryId(registry.account()).repositoryName(repository)
          .imageScanningConfiguration(s -> s.scanOnPush(scanOnPush))
          .imageTagMutability(immutableTags ? ImageTagMutability.IMMUTABLE : ImageTagMutability.MUTABLE));
      return true;
    } catch (RepositoryAlreadyExistsException e) {
      return false;
    } catch (SdkException e) {
      throw new RegistryException("Tried to create ECR repository " + Printable.of(repository) + " in " + registry.host()
          + " with " + credentials.describe() + " but failed (" + Printable.of(AwsClients.firstLine(e.getMessage()))
          + "); check that these credentials may call ecr:CreateRepository", e);
    }
  }

}
