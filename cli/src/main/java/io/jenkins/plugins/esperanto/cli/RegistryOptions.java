package io.jenkins.plugins.esperanto.cli;

import com.github.dockerjava.api.DockerClient;
import io.jenkins.plugins.esperanto.engine.api.EsperantoException;
import io.jenkins.plugins.esperanto.engine.api.ImageName;
import io.jenkins.plugins.esperanto.engine.build.BuildOptions;
import io.jenkins.plugins.esperanto.engine.build.ImageBuilder;
import io.jenkins.plugins.esperanto.engine.key.ContentKey;
import io.jenkins.plugins.esperanto.engine.registry.CredentialsResolver;
import io.jenkins.plugins.esperanto.engine.registry.EcrRepositories;
import io.jenkins.plugins.esperanto.engine.registry.EcrTokenProvider;
import io.jenkins.plugins.esperanto.engine.registry.ExplicitCredentials;
import io.jenkins.plugins.esperanto.engine.registry.ImageReference;
import io.jenkins.plugins.esperanto.engine.registry.ProgressOutput;
import io.jenkins.plugins.esperanto.engine.registry.RegistryAuthProvider;
import io.jenkins.plugins.esperanto.engine.registry.RegistryClient;
import io.jenkins.plugins.esperanto.engine.registry.RegistryCredentials;
import io.jenkins.plugins.esperanto.engine.registry.RegistryCredentialsException;
import io.jenkins.plugins.esperanto.engine.registry.RegistryException;
import io.jenkins.plugins.esperanto.engine.registry.RegistryLocation;
import io.jenkins.plugins.esperanto.engine.registry.Secret;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * Registry flags shared by {@code push}, {@code pull} and (later) {@code build}. There is no
 * password flag on purpose: a value on the command line is visible in {@code ps} and shell
 * history; {@code --password-stdin} reads it from standard input instead.
 */
public final class RegistryOptions {
  @Option(names = "--region", paramLabel = "REGION", description = "AWS region of the ECR API (default: parsed from the ECR host).")
  String region;

  @Option(names = "--ecr-account", paramLabel = "ACCOUNT",
      description = "Treat the registry host as ECR of this 12-digit account (ECR behind a proxy or VPC endpoint name); needs --region.")
  String ecrAccount;

  @Option(names = "--ecr-endpoint", paramLabel = "URL", description = "Call the ECR API at this URL instead of the regional endpoint.")
  URI ecrEndpoint;

  @Option(names = "--username", paramLabel = "USER", description = "Registry username; the password comes from --password-stdin.")
  String username;

  @Option(names = "--password-stdin", description = "Read the registry password from standard input.")
  boolean passwordStdin;

  @Option(names = "--aws-profile", paramLabel = "PROFILE", description = "AWS profile for ECR tokens (default chain otherwise).")
  String awsProfile;

  @Option(names = "--role-arn", paramLabel = "ARN", description = "IAM role to assume (STS) for ECR tokens, e.g. for another account.")
  String roleArn;

  @Option(names = "--create-repository", description = "Create a missing ECR repository before pushing.")
  boolean createRepository;

  @Option(names = "--scan-on-push", description = "With --create-repository: scan each pushed image.")
  boolean scanOnPush;

  @Option(names = "--immutable-tags", description = "With --create-repository: tags can never be overwritten.")
  boolean immutableTags;

  /** One registry operation on one image; returns what to print after the reference. */
  interface Operation {
    String apply(RegistryClient client, ImageReference reference) throws RegistryException;
  }

  /**
   * Runs {@code operation} on each of {@code images} in turn, printing {@code <reference> <result>}
   * for each; stops at the first failure.
   */
  int forEachImage(List<String> images, EngineOptions engine, PrintWriter out, Operation operation)
      throws EsperantoException {
    ExplicitCredentials explicit = explicit(System.in);
    try (DockerClient docker = engine.connect()) {
      for (String image : resolve(images, engine, docker)) {
        ImageReference reference = ImageReference.parse(image);
        out.println(reference + " " + operation.apply(client(docker, reference, engine.repository(), explicit, out),
            reference));
        out.flush();
      }
    } catch (IOException e) {
      throw new EsperantoException("Tried to close the Docker connection but failed: " + e.getMessage(), e);
    }
    return 0;
  }

  /**
   * Catalog names become {@code <repository>/<name>:<key tag>}; anything with a {@code /} or
   * {@code :} is taken as a full reference.
   */
  private static List<String> resolve(List<String> images, EngineOptions engine, DockerClient docker)
      throws EsperantoException {
    List<ImageName> names = new ArrayList<>();
    for (String image : images) {
      if (!image.contains("/") && !image.contains(":")) {
        names.add(ImageName.of(image));
      }
    }
    Map<ImageName, ContentKey> keys = Map.of();
    ImageBuilder builder = null;
    if (!names.isEmpty()) {
      // one catalog read and one key pass for all the names
      builder = new ImageBuilder(docker, engine.loadCatalog(), engine.repository(), engine.tempDir(), line -> { });
      keys = builder.keys(names, BuildOptions.defaults());
    }
    List<String> references = new ArrayList<>();
    for (String image : images) {
      boolean reference = image.contains("/") || image.contains(":");
      references.add(reference ? image : builder.referenceOf(ImageName.of(image), keys.get(ImageName.of(image))));
    }
    return references;
  }

  /**
   * A client for the registry named by {@code repository}, or empty when the repository names
   * no registry host (images stay local).
   */
  Optional<RegistryClient> clientForRepository(DockerClient docker, String repository, PrintWriter out)
      throws RegistryException {
    RegistryLocation location = RegistryLocation.parse(repository);
    if (!location.hasRegistry()) {
      return Optional.empty();
    }
    ImageReference probe = location.referenceFor("probe", "latest");
    return Optional.of(client(docker, probe, repository, explicit(System.in), out));
  }

  /**
   * The registry location for {@code reference}: the configured repository when it names the
   * same host, else the reference's own host, with {@code --ecr-account}/{@code --region} applied.
   */
  RegistryLocation location(ImageReference reference, String repository) throws RegistryException {
    RegistryLocation location = RegistryLocation.of(reference);
    RegistryLocation configured = RegistryLocation.parse(repository);
    if (configured.host().isPresent() && configured.host().equals(reference.registry())) {
      location = configured;
    }
    if (ecrAccount != null) {
      if (region == null) {
        throw new RegistryCredentialsException("--ecr-account needs --region as well");
      }
      return location.withEcr(ecrAccount, region);
    }
    return region != null ? location.withRegion(region) : location;
  }

  /** Reads the explicit credentials, the password from {@code stdin} when asked to. */
  ExplicitCredentials explicit(InputStream stdin) throws RegistryException {
    ExplicitCredentials.Builder builder = ExplicitCredentials.builder("the command line (--username, --password-stdin)")
        .username(username).awsProfile(awsProfile).roleArn(roleArn);
    if (passwordStdin) {
      builder.password(readPassword(stdin));
    }
    return builder.build();
  }

  /** A client for {@code reference}'s registry, with progress on {@code out}. */
  RegistryClient client(DockerClient docker, ImageReference reference, String repository,
      ExplicitCredentials explicit, PrintWriter out) throws RegistryException {
    RegistryLocation location = location(reference, repository);
    RegistryAuthProvider auth = authProvider(location, repository, explicit, out);
    RegistryCredentials credentials = auth.credentials();
    if (createRepository) {
      if (location.ecr().isEmpty() || !credentials.isAws()) {
        throw new RegistryCredentialsException("--create-repository works with ECR registries and AWS credentials only; "
            + reference.registry().orElse("(none)") + " with " + credentials.describe() + " is not");
      }
      boolean created = EcrRepositories.of(location.ecr().get(), credentials, Optional.ofNullable(ecrEndpoint))
          .createIfMissing(reference.repository(), scanOnPush, immutableTags);
      if (created) {
        out.println("created ECR repository " + reference.repository());
      }
    }
    return RegistryClient.builder(docker, auth).progress(ProgressOutput.forConsole(out)).build();
  }

  /**
   * Credentials for {@code location}, with ECR tokens when they are AWS credentials. The
   * environment's username and password are for {@code repository}'s host unless
   * {@code ESPERANTO_REGISTRY_HOST} names another.
   */
  RegistryAuthProvider authProvider(RegistryLocation location, String repository, ExplicitCredentials explicit,
      PrintWriter out) throws RegistryException {
    RegistryCredentials credentials = CredentialsResolver.forCurrentUser()
        .withRepository(RegistryLocation.parse(repository)).resolve(location, explicit);
    Optional<EcrTokenProvider> tokens = Optional.empty();
    if (credentials.isAws()) {
      EcrTokenProvider.Builder builder = EcrTokenProvider.builder(credentials).notices(line -> {
        out.println(line);
        out.flush();
      });
      if (ecrEndpoint != null) {
        builder.endpointOverride(ecrEndpoint);
      }
      tokens = Optional.of(builder.build());
    }
    return RegistryAuthProvider.of(location, credentials, tokens);
  }

  private static Secret readPassword(InputStream stdin) throws RegistryCredentialsException {
    try {
      String text = new String(stdin.readAllBytes(), StandardCharsets.UTF_8);
      String password = text.endsWith("\r\n") ? text.substring(0, text.length() - 2)
          : text.endsWith("\n") ? text.substring(0, text.length() - 1) : text;
      if (password.isEmpty()) {
        throw new RegistryCredentialsException("--password-stdin was given but standard input was empty; pipe the password in");
      }
      return Secret.of(password);
    } catch (IOException e) {
      throw new RegistryCredentialsException("Tried to read the password from standard input but could not: " + e.getClass().getSimpleName());
    }
  }
}
