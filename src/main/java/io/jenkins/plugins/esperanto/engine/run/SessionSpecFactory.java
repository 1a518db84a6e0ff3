package io.jenkins.plugins.esperanto.engine.run;

import io.jenkins.plugins.esperanto.engine.api.EsperantoException;
import io.jenkins.plugins.esperanto.engine.api.ImageLabels;
import io.jenkins.plugins.esperanto.engine.api.ImageResult;
import io.jenkins.plugins.esperanto.engine.api.Printable;
import io.jenkins.plugins.esperanto.engine.catalog.RunSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns an image's {@code run:} settings plus the caller's own (workspace, extra env and
 * volumes, command) into a {@link SessionSpec}. Shared by the CLI and the Jenkins steps so that
 * a container behaves the same at a desk and in a pipeline.
 */
public final class SessionSpecFactory {
  private final Path hostHome;

  /** @param hostHome the caller's home on the host, for {@code ~/} in volume sources */
  public SessionSpecFactory(Path hostHome) {
    this.hostHome = hostHome;
  }

  /**
   * Builds the spec. The workspace must exist; volume sources that do not exist are created
   * here, by the caller, so that Docker does not create them owned by root.
   *
   * @throws EsperantoException naming the workspace or volume at fault
   */
  public SessionSpec.Builder forImage(ImageResult image, RunSpec run, UserIdentity user, Path workspace,
      Map<String, String> extraEnv, List<String> extraVolumes) throws EsperantoException {
    Path ws = requireWorkspace(workspace);
    Map<String, String> env = new LinkedHashMap<>(run.env());
    env.putAll(extraEnv);
    Map<String, String> labels = new LinkedHashMap<>();
    labels.put(ImageLabels.NAME, image.name());
    labels.put(ImageLabels.KEY, image.key());
    SessionSpec.Builder spec = SessionSpec.builder(image.reference(), user)
        .workdir(run.workdir().orElse(ws.toString()))
        .mount(Mount.of(ws.toString(), ws.toString(), false))
        .env(env)
        .extraGroups(run.groups())
        .readOnlyRoot(run.readOnlyRoot())
        .entrypointArgs(run.entrypointArgs())
        .labels(labels);
    List<String> volumes = new ArrayList<>(run.volumes());
    volumes.addAll(extraVolumes);
    for (String volume : volumes) {
      spec.mount(mountOf(volume));
    }
    run.devices().forEach(spec::device);
    run.shmSizeBytes().ifPresent(spec::shmSize);
    run.network().ifPresent(spec::network);
    return spec;
  }

  /**
   * The workspace as an absolute path, checked to be a folder; callers may check it before
   * doing anything else, so that a bad workspace leaves nothing half-done.
   *
   * @throws EsperantoException naming the path
   */
  public static Path requireWorkspace(Path workspace) throws EsperantoException {
    Path ws = workspace.toAbsolutePath().normalize();
    if (!Files.isDirectory(ws)) {
      throw new EsperantoException("Workspace " + ws + " does not exist or is not a folder; pass --workspace DIR");
    }
    return ws;
  }

  private Mount mountOf(String volume) throws EsperantoException {
    String[] parts = volume.split(":", -1);
    if (parts.length < 2 || parts.length > 3 || parts[0].isEmpty() || !parts[1].startsWith("/")
        || parts.length == 3 && !parts[2].equals("ro") && !parts[2].equals("rw")) {
      throw new EsperantoException("Volume '" + Printable.of(volume) + "' must be HOST:/CONTAINER[:ro|:rw]");
    }
    String source = parts[0];
    if (source.equals("~") || source.startsWith("~/")) {
      source = hostHome.resolve(source.substring(Math.min(2, source.length()))).toString();
    }
    Path host = Path.of(source).toAbsolutePath().normalize();
    if (!Files.exists(host)) {
      try {
        Files.createDirectories(host);
      } catch (IOException e) {
        throw new EsperantoException("Tried to create the volume folder " + host + " but failed because "
            + e.getMessage() + "; create it yourself or fix the volume in image.yaml");
      }
    }
    return Mount.of(host.toString(), parts[1], parts.length == 3 && parts[2].equals("ro"));
  }
}
