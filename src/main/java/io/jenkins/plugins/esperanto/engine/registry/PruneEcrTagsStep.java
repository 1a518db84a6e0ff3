package io.jenkins.plugins.esperanto.engine.registry;

import io.jenkins.plugins.esperanto.engine.api.Printable;
import io.jenkins.plugins.esperanto.engine.prune.KeepNewest;
import io.jenkins.plugins.esperanto.engine.prune.PrunedTag;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.ecr.model.BatchDeleteImageResponse;
import software.amazon.awssdk.services.ecr.model.ImageDetail;
import software.amazon.awssdk.services.ecr.model.ImageIdentifier;
import software.amazon.awssdk.services.ecr.model.RepositoryNotFoundException;
import software.amazon.awssdk.services.ecr.model.TagStatus;

/**
 * Removes, per image, all but the newest {@code keep} content-key tags from an ECR registry:
 * {@code DescribeImages} (newest by push time, which ECR records; it does not expose the image's
 * creation time), then one {@code BatchDeleteImage} per repository for the older tags. Tags are
 * deleted by name, so an image that another (kept) tag also names stays; ECR deletes an image
 * whose last tag goes.
 */
public final class PruneEcrTagsStep implements Callable<List<PrunedTag>> {
  private static final Pattern KEY_TAG = Pattern.compile("[0-9a-f]{32}");

  private final RegistryLocation location;
  private final RegistryCredentials credentials;
  private final Optional<URI> endpointOverride;
  private final List<String> names;
  private final int keep;
  private final boolean dryRun;
  private final Consumer<String> log;

  /**
   * @param location an ECR location ({@link RegistryLocation#ecr()} present)
   * @param credentials AWS credentials that may call ecr:DescribeImages and ecr:BatchDeleteImage
   * @param endpointOverride the ECR API at another address (VPC endpoints, tests)
   * @param names catalog image names; each is the repository {@code <prefix>/<name>}
   */
  public PruneEcrTagsStep(RegistryLocation location, RegistryCredentials credentials, Optional<URI> endpointOverride,
      List<String> names, int keep, boolean dryRun, Consumer<String> log) {
    if (location.ecr().isEmpty() || !credentials.isAws()) {
      throw new IllegalArgumentException("ECR pruning needs an ECR location and AWS credentials");
    }
    if (keep < 1) {
      throw new IllegalArgumentException("keep must be at least 1, got " + keep);
    }
    this.location = location;
    this.credentials = credentials;
    this.endpointOverride = endpointOverride;
    this.names = List.copyOf(names);
    this.keep = keep;
    this.dryRun = dryRun;
    this.log = log;
  }

  /**
   * @return every content-key tag found, per image newest first, with its decision
   * @throws RegistryException when ECR refuses or cannot be reached
   */
  @Override
  public List<PrunedTag> call() throws RegistryException {
    EcrRegistry ecr = location.ecr().get();
    List<PrunedTag> decisions = new ArrayList<>();
    try (AwsClients aws = AwsClients.open(ecr, credentials, endpointOverride, Optional.empty(), Duration.ofSeconds(30), 3)) {
      for (String name : names) {
        String repository = location.prefix().isEmpty() ? name : location.prefix() + "/" + name;
        List<ImageIdentifier> doomed = new ArrayList<>();
        // by tag, not digest: an image another kept tag names stays in ECR
        for (PrunedTag tag : KeepNewest.decide(describe(aws, ecr, repository, name), keep, t -> false)) {
          decisions.add(tag);
          if (tag.decision() == PrunedTag.Decision.REMOVE) {
            doomed.add(ImageIdentifier.builder().imageTag(tag.reference().substring(tag.reference().lastIndexOf(':') + 1))
                .build());
          }
        }
        if (!dryRun && !doomed.isEmpty()) {
          delete(aws, ecr, repository, doomed);
        }
      }
    } catch (SdkException e) {
      throw new RegistryException("Tried to prune ECR repositories of " + ecr.host() + " with " + credentials.describe()
          + " but failed (" + Printable.of(AwsClients.firstLine(e.getMessage()))
          + "); check that these credentials may call ecr:DescribeImages and ecr:BatchDeleteImage", e);
    }
    return decisions;
  }

  private List<PrunedTag> describe(AwsClients aws, EcrRegistry ecr, String repository, String name)
      throws RegistryException {
    List<PrunedTag> tags = new ArrayList<>();
    try {
      for (ImageDetail image : aws.ecr().describeImagesPaginator(r -> r.registryId(ecr.account())
          .repositoryName(repository).filter(f -> f.tagStatus(TagStatus.TAGGED))).imageDetails()) {
        for (String tag : image.imageTags()) {
          if (KEY_TAG.matcher(tag).matches()) {
            tags.add(PrunedTag.of(name, location.referenceFor(name, tag).toString(), image.imageDigest(),
                image.imagePushedAt(), PrunedTag.Decision.KEEP));
          }
        }
      }
    } catch (RepositoryNotFoundException e) {
      return new ArrayList<>(); // nothing pushed for this image yet
    }
    return tags;
  }

  private void delete(AwsClients aws, EcrRegistry ecr, String repository, List<ImageIdentifier> doomed)
      throws RegistryException {
    BatchDeleteImageResponse response = aws.ecr().batchDeleteImage(r -> r.registryId(ecr.account())
        .repositoryName(repository).imageIds(doomed));
    response.imageIds().forEach(id -> log.accept("deleted " + ecr.host() + "/" + repository + ":" + id.imageTag()
        + " from ECR"));
    if (!response.failures().isEmpty()) {
      var failure = response.failures().get(0);
      throw new RegistryException("Tried to delete " + failure.imageId().imageTag() + " from ECR repository "
          + repository + " but ECR answered " + failure.failureCodeAsString() + " (" + failure.failureReason() + ")"
          + (response.failures().size() > 1 ? " and " + (response.failures().size() - 1) + " more failure(s)" : ""));
    }
  }
}
