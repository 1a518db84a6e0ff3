package io.jenkins.plugins.esperanto.agent;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectImageResponse;
import com.github.dockerjava.api.exception.NotFoundException;
import io.jenkins.plugins.esperanto.action.ImageRecord;
import io.jenkins.plugins.esperanto.config.Settings;
import io.jenkins.plugins.esperanto.engine.api.EsperantoException;
import io.jenkins.plugins.esperanto.engine.api.ImageAction;
import io.jenkins.plugins.esperanto.engine.api.ImageName;
import io.jenkins.plugins.esperanto.engine.api.ImageResult;
import io.jenkins.plugins.esperanto.engine.build.BuildOptions;
import io.jenkins.plugins.esperanto.engine.build.ImageBuilder;
import io.jenkins.plugins.esperanto.engine.catalog.Catalog;
import io.jenkins.plugins.esperanto.engine.docker.DockerConnection;
import io.jenkins.plugins.esperanto.engine.registry.ImageReference;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * {@link ImageProvisioner} on the engine's catalog facade ({@link ImageBuilder}): resolve the
 * content key; if the agent's daemon has the image, nothing to do; else pull it when the registry
 * has it; else build it (parents first, squashed as configured). With {@code push}, what is built
 * (or only local) is pushed.
 */
final class EngineImageProvisioner implements ImageProvisioner {
  /** Repository prefix of images when no registry is configured: they stay on the agent. */
  static final String LOCAL_REPOSITORY = "esperanto";

  @Override
  public ImageRecord provision(ProvisionRequest request, Consumer<String> log)
      throws EsperantoException, IOException, InterruptedException {
    Settings settings = request.settings();
    ImageName name = ImageName.of(request.name());
    Catalog catalog = Catalog.load(Path.of(request.workspace()).resolve(settings.catalog()));
    String repository = settings.repository().map(r -> r.endsWith("/") ? r.substring(0, r.length() - 1) : r)
        .orElse(LOCAL_REPOSITORY);
    BuildOptions options = BuildOptions.of(false, false, settings.squash());
    try (DockerClient docker = DockerConnection.connect(AgentDocker.endpoint())) {
      ImageBuilder builder =
          new ImageBuilder(docker, catalog, repository, Path.of(System.getProperty("java.io.tmpdir")), log);
      if (settings.repository().isPresent()) {
        // The engine pulls a key the registry has instead of building it, and pushes what it builds.
        builder.withRegistry(RegistryAccess.client(docker, settings, request.credentials(), log), request.push());
      }
      ImageResult result = find(builder.ensure(List.of(name), options), name);
      return ImageRecord.of(result.name(), result.reference(), result.key(), result.imageId(), result.action().name(),
          result.sizeBytes());
    }
  }

  @Override
  public ImageRecord provisionReference(ProvisionRequest request, Consumer<String> log)
      throws EsperantoException, IOException {
    String reference = request.name();
    try (DockerClient docker = DockerConnection.connect(AgentDocker.endpoint())) {
      Optional<InspectImageResponse> local = inspect(docker, reference);
      ImageAction action = ImageAction.UP_TO_DATE;
      if (local.isEmpty()) {
        ImageReference parsed = ImageReference.parse(reference);
        log.accept("Pulling " + reference);
        RegistryAccess.clientFor(docker, parsed, request.settings(), request.credentials(), log).pull(parsed);
        action = ImageAction.PULLED;
        local = inspect(docker, reference);
      }
      InspectImageResponse image = local.orElseThrow(() -> new EsperantoException("Tried to use image " + reference
          + " but the daemon does not have it after the pull; check the reference"));
      int colon = reference.lastIndexOf(':');
      int slash = reference.lastIndexOf('/');
      String tag = colon > slash ? reference.substring(colon + 1) : "";
      String name = reference.substring(slash + 1, colon > slash ? colon : reference.length());
      return ImageRecord.of(name, reference, tag, image.getId(), action.name(),
          Optional.ofNullable(image.getSize()).orElse(0L));
    }
  }

  private static ImageResult find(List<ImageResult> results, ImageName name) throws EsperantoException {
    return results.stream().filter(r -> r.name().equals(name.value())).reduce((a, b) -> b)
        .orElseThrow(() -> new EsperantoException("Tried to prepare image " + name
            + " but the engine returned no result for it; report this as a bug"));
  }

  private static Optional<InspectImageResponse> inspect(DockerClient docker, String reference) {
    try {
      return Optional.of(docker.inspectImageCmd(reference).exec());
    } catch (NotFoundException e) {
      return Optional.empty();
    }
  }
}
