package io.jenkins.plugins.esperanto.engine.run;

import io.jenkins.plugins.esperanto.engine.api.EsperantoException;
import io.jenkins.plugins.esperanto.engine.api.ImageLabels;
import io.jenkins.plugins.esperanto.engine.api.ImageResult;
import io.jenkins.plugins.esperanto.engine.api.Printable;
import io.jenkins.plugins.esperanto.engine.catalog.CatalogImage;
import io.jenkins.plugins.esperanto.engine.catalog.RunSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Turns an image's {@code run:} settings plus the caller's own (workspace, extra env and
 * volumes, command) into a {@link SessionSpec}. Shared by the CLI and the Jenkins steps so that
 * a container behaves the same at a desk and in a pipeline. The {@code run:} settings are
 * untrusted and held against a {@link RunPolicy}; the caller's own volumes are not.
 */
public final class SessionSpecFactory {
  private final Optional<Path> hostHome;
  private final RunPolicy policy;

  /**
   * @param hostHome the caller's home on the host ({@link io.jenkins.plugins.esperanto.engine.api.HostHome}),
   *     for {@code ~/} in volume sources; without one, such sources are refused
   * @param policy what {@code image.yaml} may ask of the host
   */
  public SessionSpecFactory(Optional<Path> hostHome, RunPolicy policy) {
    this.hostHome = hostHome;
    this.policy = policy;
  }

  /**
   * Holds the image's {@code run:} settings against the policy, creating nothing; callers check
   * before building or pulling anything, so that a refused image leaves nothing behind.
   *
   * @throws EsperantoException naming the workspace, or the {@code image.yaml} key at fault and
   *     the setting that would allow it
   */
  public void check(CatalogImage image, Path workspace) throws EsperantoException {
    Path ws = requireWorkspace(workspace);
    policyCheck(image, ws, WorkspaceMounts.samePath(List.of())).check(image.spec().run());
  }

  /**
   * Builds the spec, the workspace bound at its own path ({@link WorkspaceMounts#samePath}).
   *
   * @throws EsperantoException naming the workspace or volume at fault
   */
  public SessionSpec.Builder forImage(ImageResult image, CatalogImage catalogImage, UserIdentity user,
      Path workspace, Map<String, String> extraEnv, List<String> extraVolumes) throws EsperantoException {
    return forImage(image, catalogImage, user, workspace, extraEnv, extraVolumes, WorkspaceMounts.samePath(List.of()));
  }

  /**
   * Builds the spec. The workspace must exist; {@code image.yaml} volume sources that do not
   * exist are created here, by the caller and only in the workspace or home, so that Docker
   * does not create them owned by root; the caller's own volumes are created when missing.
   * When the workspace is shared from the caller's container, {@code image.yaml} bind sources
   * are host paths the caller cannot see: only those the policy allows are mounted, as written.
   *
   * @param workspaceMounts how the container gets the workspace
   * @throws EsperantoException naming the workspace or volume at fault
   */
  public SessionSpec.Builder forImage(ImageResult image, CatalogImage catalogImage, UserIdentity user,
      Path workspace, Map<String, String> extraEnv, List<String> extraVolumes, WorkspaceMounts workspaceMounts)
      throws EsperantoException {
    Path ws = requireWorkspace(workspace);
    RunSpec run = catalogImage.spec().run();
    List<RunPolicyCheck.CheckedVolume> imageVolumes = policyCheck(catalogImage, ws, workspaceMounts).check(run);
    if (run.readOnlyRoot() && !workspaceMounts.callerPathsAreHostPaths()) {
      // A read-only root gets its account files bound from a folder this process writes, which
      // the daemon's host does not have when this process runs in a container.
      throw new EsperantoException(specFile(catalogImage, ws) + ": run.read_only is not supported when the"
          + " workspace is shared from a container (the agent runs in one): the account files of a read-only root"
          + " are bound from a folder of that container, which the Docker host does not have; remove read_only,"
          + " or run the agent on the Docker host");
    }
    Map<String, String> env = new LinkedHashMap<>(run.env());
    env.putAll(extraEnv);
    Map<String, String> labels = new LinkedHashMap<>();
    labels.put(ImageLabels.NAME, image.name());
    labels.put(ImageLabels.KEY, image.key());
    SessionSpec.Builder spec = forReference(image.reference(), user, ws, workspaceMounts)
        .workdir(run.workdir().orElse(ws.toString()))
        .env(env)
        .extraGroups(run.groups())
        .readOnlyRoot(run.readOnlyRoot())
        .entrypointArgs(run.entrypointArgs())
        .labels(labels);
    for (RunPolicyCheck.CheckedVolume volume : imageVolumes) {
      if (volume.create()) {
        createFolder(volume.source());
      }
      spec.mount(workspaceMounts.callerPathsAreHostPaths()
          ? Mount.of(volume.source().toString(), volume.target(), volume.readOnly())
          : Mount.ofDaemonPath(volume.source().toString(), volume.target(), volume.readOnly()));
    }
    for (String volume : extraVolumes) {
      spec.mount(mountOf(volume));
    }
    run.devices().forEach(spec::device);
    run.shmSizeBytes().ifPresent(spec::shmSize);
    run.network().ifPresent(spec::network);
    return spec;
  }

  /**
   * The spec of an image without {@code image.yaml} (a plain reference): the workspace mounted
   * as {@code workspaceMounts} says, and the working directory.
   *
   * @throws EsperantoException when the workspace is not a folder
   */
  public SessionSpec.Builder forReference(String reference, UserIdentity user, Path workspace,
      WorkspaceMounts workspaceMounts) throws EsperantoException {
    Path ws = requireWorkspace(workspace);
    SessionSpec.Builder spec = SessionSpec.builder(reference, user).workdir(ws.toString());
    workspaceMounts.mounts(ws).forEach(spec::mount);
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
    String[] parts = volumeParts(volume, "Volume");
    Path host = Path.of(homeExpanded(parts[0], hostHome, "Volume")).toAbsolutePath().normalize();
    if (!Files.exists(host)) {
      createFolder(host);
    }
    return Mount.of(host.toString(), parts[1], parts.length == 3 && parts[2].equals("ro"));
  }

  /**
   * {@code HOST:/CONTAINER[:ro|:rw]} split at the colons.
   *
   * @param what how the message names the value, e.g. {@code Volume}
   * @throws EsperantoException when malformed
   */
  static String[] volumeParts(String volume, String what) throws EsperantoException {
    String[] parts = volume.split(":", -1);
    if (parts.length < 2 || parts.length > 3 || parts[0].isEmpty() || !parts[1].startsWith("/")
        || parts.length == 3 && !parts[2].equals("ro") && !parts[2].equals("rw")) {
      throw new EsperantoException(what + " '" + Printable.of(volume) + "' must be HOST:/CONTAINER[:ro|:rw]");
    }
    return parts;
  }

  /**
   * {@code ~} and {@code ~/x} made paths under {@code home}; other sources unchanged.
   *
   * @param what how the message names the value, e.g. {@code Volume}
   * @throws EsperantoException for {@code ~} when there is no home
   */
  static String homeExpanded(String source, Optional<Path> home, String what) throws EsperantoException {
    if (source.equals("~") || source.startsWith("~/")) {
      if (home.isEmpty()) {
        throw new RunPolicyException(what + " '" + Printable.of(source) + "' starts with ~, but this user has no"
            + " home folder (HOME is unset and the uid has no passwd entry); set HOME or give an absolute path");
      }
      return home.get().resolve(source.substring(Math.min(2, source.length()))).toString();
    }
    return source;
  }

  private static void createFolder(Path host) throws EsperantoException {
    try {
      Files.createDirectories(host);
    } catch (IOException e) {
      throw new EsperantoException("Tried to create the volume folder " + host + " but failed because "
          + e.getMessage() + "; create it yourself or fix the volume");
    }
  }

  private RunPolicyCheck policyCheck(CatalogImage image, Path ws, WorkspaceMounts workspaceMounts) {
    String name = specFile(image, ws);
    return workspaceMounts.callerPathsAreHostPaths() ? new RunPolicyCheck(policy, name, ws, hostHome)
        : RunPolicyCheck.ofCallerInContainer(policy, name, hostHome);
  }

  /** The image's {@code image.yaml} as messages name it: relative to the workspace when in it. */
  private static String specFile(CatalogImage image, Path ws) {
    Path file = image.dir().toAbsolutePath().normalize().resolve("image.yaml");
    return file.startsWith(ws) ? ws.relativize(file).toString() : file.toString();
  }
}
