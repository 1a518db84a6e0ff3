package io.jenkins.plugins.esperanto.agent;

import com.github.dockerjava.api.DockerClient;
import io.jenkins.plugins.esperanto.action.ImageRecord;
import io.jenkins.plugins.esperanto.engine.api.EsperantoException;
import io.jenkins.plugins.esperanto.engine.api.HostHome;
import io.jenkins.plugins.esperanto.engine.api.ImageAction;
import io.jenkins.plugins.esperanto.engine.api.ImageResult;
import io.jenkins.plugins.esperanto.engine.catalog.Catalog;
import io.jenkins.plugins.esperanto.engine.catalog.CatalogImage;
import io.jenkins.plugins.esperanto.engine.run.ContainerSession;
import io.jenkins.plugins.esperanto.engine.run.ExecRequest;
import io.jenkins.plugins.esperanto.engine.run.Mount;
import io.jenkins.plugins.esperanto.engine.run.SessionSpec;
import io.jenkins.plugins.esperanto.engine.run.SessionSpecFactory;
import io.jenkins.plugins.esperanto.engine.run.UserIdentity;
import io.jenkins.plugins.esperanto.engine.run.WorkspaceMounts;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The agent side of {@code insideEsperanto}: every engine call the glue makes on a container goes
 * through here (start, exec, kill by environment, remove). Runs inside agent callables, where
 * the workspace and the Docker daemon are; never on the controller.
 */
public final class EngineContainers {
  /** Marks each launched command, so that exactly its processes can be killed. */
  public static final String EXEC_ID_VARIABLE = "ESPERANTO_EXEC_ID";
  /** Label naming the {@code insideEsperanto} block a container belongs to. */
  public static final String BLOCK_LABEL = "io.esperanto.jenkins.block";
  /** Label naming (never valuing) the step's {@code env:} variables, which are kept out of the container. */
  static final String STEP_ENV_LABEL = "io.esperanto.jenkins.step-env";

  private EngineContainers() {}

  /**
   * Starts the long-lived container of a block as {@code user}: in Jenkins, the agent process's
   * own uid/gid ({@link UserIdentity#ofCurrentProcess()}, right on rootless Docker too).
   *
   * @return the container id
   */
  public static String start(SessionRequest request, UserIdentity user, Consumer<String> log)
      throws EsperantoException, IOException {
    return start(request, user, log, AgentContainer.PROCESS_MOUNT_TABLE);
  }

  /**
   * {@link #start(SessionRequest, UserIdentity, Consumer)} with the agent's mount table read from
   * {@code mountTable}, where {@link AgentContainer#detect} looks for the container the agent runs in.
   */
  static String start(SessionRequest request, UserIdentity user, Consumer<String> log, Path mountTable)
      throws EsperantoException, IOException {
    DockerClient docker = AgentDocker.get();
    // Docker refuses a missing bind source, and durable-task creates <ws>@tmp only when a `sh`
    // first runs: create both here, as the agent user, before the container (docker-workflow's
    // WithContainerStep does the same with FilePath.mkdirs()).
    Files.createDirectories(Path.of(request.workspace()));
    Files.createDirectories(Path.of(request.tmpDir()));
    Optional<CatalogImage> catalogImage = catalogImage(request);
    WorkspaceMounts workspaceMounts = workspaceMounts(docker, request, mountTable, log);
    SessionSpecFactory factory = new SessionSpecFactory(HostHome.ofProcess(), request.policy());
    SessionSpec.Builder spec;
    if (catalogImage.isPresent()) {
      // A catalog image: its image.yaml run settings apply, as with `esperanto run`, wherever the
      // agent runs. The step's own env never enters the container config (docker inspect shows
      // it): the agent adds it to each command instead.
      spec = factory.forImage(imageResult(request.catalogImage().get()), catalogImage.get(), user,
          Path.of(request.workspace()), Map.of(), request.volumes(), workspaceMounts);
    } else {
      spec = factory.forReference(request.imageReference(), user, Path.of(request.workspace()), workspaceMounts);
      for (String volume : request.volumes()) {
        spec.mount(parseVolume(volume));
      }
    }
    // The step's env: goes to every command (exec), not into the container's configuration, where
    // `docker inspect` would show its values (secrets, maybe) to anyone with access to the daemon.
    Map<String, String> labels = new java.util.TreeMap<>(request.labels());
    if (!request.env().isEmpty()) {
      labels.put(STEP_ENV_LABEL, String.join(",", new java.util.TreeSet<>(request.env().keySet())));
    }
    spec.labels(labels).keepAlive(true);
    if (!request.args().isEmpty()) {
      spec.entrypointArgs(request.args());
    }
    try {
      String id = ContainerSession.start(docker, spec.build(), log).containerId();
      AgentDocker.rememberStepEnv(id, request.env());
      if (Thread.currentThread().isInterrupted()) {
        throw new InterruptedIOException("Interrupted while starting a container of " + request.imageReference());
      }
      return id;
    } catch (EsperantoException | IOException | RuntimeException e) {
      removeAfterFailedStart(request, e);
      throw e;
    }
  }

  /**
   * An abort interrupts the start wherever it is: a container may exist whose id never came back
   * (the create's response was cut off), and the engine's own clean-up may itself have been cut
   * off by the interrupt. Every container of the block is removed by its label, the interrupt
   * set aside meanwhile; a second sweep catches a create the daemon finished after the first.
   */
  private static void removeAfterFailedStart(SessionRequest request, Exception failure) {
    String block = request.labels().get(BLOCK_LABEL);
    if (block == null) {
      return;
    }
    boolean interrupted = Thread.interrupted();
    try {
      removeByLabel(BLOCK_LABEL, block);
      Thread.sleep(300);
      removeByLabel(BLOCK_LABEL, block);
    } catch (EsperantoException | IOException | RuntimeException | InterruptedException e) {
      failure.addSuppressed(e);
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /**
   * The workspace and {@code @tmp} at their own paths; or, when the agent runs in a container on
   * the same daemon, only that container's mounts holding them: the workspace paths exist only
   * there, and the agent's other mounts (its Docker socket) stay with the agent.
   */
  private static WorkspaceMounts workspaceMounts(DockerClient docker, SessionRequest request, Path mountTable,
      Consumer<String> log) throws EsperantoException {
    Optional<String> agentContainer = AgentContainer.detect(docker, mountTable);
    if (agentContainer.isEmpty()) {
      return WorkspaceMounts.samePath(List.of(request.tmpDir()));
    }
    List<Mount> shared = AgentContainer.mountsHolding(docker, agentContainer.get(),
        List.of(request.workspace(), request.tmpDir()));
    if (shared.isEmpty()) {
      throw new EsperantoException("The workspace " + request.workspace() + " is not on a volume or bind mount of"
          + " the agent's container " + CommandLines.shortId(agentContainer.get())
          + "; mount the agent's work folder as a volume so that block containers can share it");
    }
    log.accept("Agent runs in container " + CommandLines.shortId(agentContainer.get())
        + "; sharing its workspace mounts " + shared);
    return WorkspaceMounts.sharedFromContainer(agentContainer.get(), shared);
  }

  private static Optional<CatalogImage> catalogImage(SessionRequest request) throws EsperantoException {
    if (request.catalogImage().isEmpty() || request.catalogDir().isEmpty()) {
      return Optional.empty();
    }
    Catalog catalog = Catalog.load(Path.of(request.catalogDir().get()));
    return Optional.of(catalog.image(request.catalogImage().get().getName()));
  }

  private static ImageResult imageResult(ImageRecord image) {
    return ImageResult.of(image.getName(), image.getContentKey(), image.getReference(), image.getImageId(),
        ImageAction.valueOf(image.getAction()), image.getSizeBytes(), java.time.Duration.ZERO);
  }

  /** Runs one command in the container and waits for it; returns its exit code. */
  public static int exec(String containerId, List<String> launchEnv, List<String> command, Optional<String> workdir,
      String execId, OutputStream stdout, OutputStream stderr) throws EsperantoException, IOException, InterruptedException {
    AgentDocker.Attached container = AgentDocker.attached(containerId);
    Map<String, String> stepEnv = container.stepEnv.orElseThrow(() -> new IOException("Tried to run "
        + command.get(0) + " in container " + CommandLines.shortId(containerId) + " but this agent process did not"
        + " start the block and does not know its env: values (the agent was restarted); run the build again"));
    ExecPlan plan = ExecPlan.of(System.getenv(), launchEnv, command, container.imagePath);
    // The step's env: under the job's own (withEnv wins), over what the entrypoint set up.
    Map<String, String> env = new java.util.TreeMap<>(stepEnv);
    env.putAll(plan.env());
    env.put(EXEC_ID_VARIABLE, execId);
    ExecRequest request = ExecRequest.of(plan.command()).withEnv(env);
    if (workdir.isPresent()) {
      request = request.withWorkdir(workdir.get());
    }
    // Not closed: closing a session removes its container, which outlives this command.
    return container.session.exec(request, InputStream.nullInputStream(), stdout, stderr);
  }

  /** Kills the processes in the container whose environment has {@code name=value}. */
  public static int kill(String containerId, String name, String value)
      throws EsperantoException, IOException, InterruptedException {
    return AgentDocker.attached(containerId).session.killProcessesWithEnv(name, value);
  }

  /** Stops and removes the container; does nothing when it is already gone. */
  public static void remove(String containerId) throws EsperantoException, IOException {
    AgentDocker.forget(containerId);
    ContainerSession.remove(AgentDocker.get(), containerId);
  }

  /** Removes every container labelled {@code name=value}; returns how many. */
  public static int removeByLabel(String name, String value) throws EsperantoException, IOException {
    DockerClient docker = AgentDocker.get();
    int removed = 0;
    for (com.github.dockerjava.api.model.Container c : docker.listContainersCmd().withShowAll(true)
        .withLabelFilter(Map.of(name, value)).exec()) {
      remove(c.getId());
      removed++;
    }
    return removed;
  }

  /** Parses {@code source:target[:ro]}; both paths absolute. */
  static Mount parseVolume(String volume) {
    volumeProblem(volume).ifPresent(p -> {
      throw new IllegalArgumentException(p);
    });
    String[] parts = volume.split(":", -1);
    return Mount.of(parts[0], parts[1], parts.length == 3 && parts[2].equals("ro"));
  }

  /** Why {@code volume} is not {@code /host/path:/container/path[:ro|:rw]}, if it is not. */
  public static Optional<String> volumeProblem(String volume) {
    String[] parts = volume.split(":", -1);
    boolean valid = (parts.length == 2 || (parts.length == 3 && (parts[2].equals("ro") || parts[2].equals("rw"))))
        && parts[0].startsWith("/") && parts[1].startsWith("/");
    return valid ? Optional.empty() : Optional.of("volumes entry '" + volume
        + "' is not /host/path:/container/path or /host/path:/container/path:ro");
  }
}
