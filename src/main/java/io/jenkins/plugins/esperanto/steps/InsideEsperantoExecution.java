package io.jenkins.plugins.esperanto.steps;

import hudson.AbortException;
import hudson.EnvVars;
import hudson.FilePath;
import hudson.LauncherDecorator;
import hudson.model.Run;
import hudson.model.TaskListener;
import hudson.slaves.WorkspaceList;
import io.jenkins.plugins.esperanto.agent.CommandLines;
import io.jenkins.plugins.esperanto.agent.ContainerCalls;
import io.jenkins.plugins.esperanto.agent.ContainerLauncherDecorator;
import io.jenkins.plugins.esperanto.agent.EngineContainers;
import io.jenkins.plugins.esperanto.agent.SessionRequest;
import io.jenkins.plugins.esperanto.config.EsperantoConfiguration;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import jenkins.util.Timer;
import org.jenkinsci.plugins.workflow.steps.BodyInvoker;
import org.jenkinsci.plugins.workflow.steps.EnvironmentExpander;
import org.jenkinsci.plugins.workflow.steps.GeneralNonBlockingStepExecution;
import org.jenkinsci.plugins.workflow.steps.StepContext;

/**
 * The life of one {@code insideEsperanto} block: start the container (off the CPS thread), run
 * the body with the container's launcher decorator, remove the container when the body ends,
 * fails or is stopped.
 *
 * <p>Persisted with the Pipeline: only strings (image, overrides, block id, container id). The
 * block id labels the container before its id is known, so that a restart during the start can
 * still find and remove it.
 */
final class InsideEsperantoExecution extends GeneralNonBlockingStepExecution {
  private static final long serialVersionUID = 1L;

  private final String image;
  /**
   * The step's {@code env:}; transient so that no value (a secret, maybe) lands in program.dat.
   * Needed only until the container starts, and a restart before that fails the step.
   */
  private final transient ArrayList<String> env;
  private final ArrayList<String> volumes;
  private final ArrayList<String> args;
  /** The parameter problem found when the step was created, reported by {@link #start()}. */
  private final String checkedProblem;
  private final String blockId = UUID.randomUUID().toString();
  private volatile String containerId;
  private volatile boolean bodyStarted;
  private volatile boolean stopped;

  InsideEsperantoExecution(InsideEsperantoStep step, StepContext context) {
    super(context);
    this.image = step.getImage();
    this.env = new ArrayList<>(step.getEnv());
    this.volumes = new ArrayList<>(step.getVolumes());
    this.args = new ArrayList<>(step.getArgs());
    this.checkedProblem = step.problem().orElse(null);
  }

  @Override
  public boolean start() throws Exception {
    if (checkedProblem != null) {
      throw new AbortException(checkedProblem);
    }
    run(() -> startBlock(prepare()));
    return false;
  }

  /**
   * Starts the block for a request already prepared, off the CPS thread as {@link #start()} does:
   * the standalone build's tests have no Jenkins configuration to prepare an image with.
   */
  void startPrepared(SessionRequest request) {
    run(() -> startBlock(request));
  }

  /** Checks the workspace and prepares the image: the request to start the block's container. */
  private SessionRequest prepare() throws Exception {
    StepContext context = getContext();
    Run<?, ?> run = context.get(Run.class);
    FilePath workspace = context.get(FilePath.class);
    // @CheckForNull upstream: null when the workspace path has no parent folder.
    FilePath tmpDir = WorkspaceList.tempDir(workspace);
    if (tmpDir == null) {
      throw new AbortException("insideEsperanto: workspace " + workspace.getRemote()
          + " has no parent folder to hold its @tmp folder; use a workspace below the agent's root folder");
    }
    SessionRequest request = SessionRequest.of(image, workspace.getRemote(), tmpDir.getRemote(), parseEnv(env),
        volumes, args, labels(run));
    if (InsideEsperantoStep.isReference(image)) {
      ImagePreparation.prepareReference(context, "insideEsperanto", image);
      return request;
    }
    ImagePreparation.Prepared prepared =
        ImagePreparation.prepare(context, "insideEsperanto", image, ImagePreparation.Overrides.none());
    return request.forCatalogImage(prepared.catalogDir, prepared.image)
        .withPolicy(EsperantoConfiguration.get().runPolicy());
  }

  /** Starts the block's container, then the body in it; removes the container if stopped meanwhile. */
  private void startBlock(SessionRequest request) throws Exception {
    StepContext context = getContext();
    FilePath workspace = context.get(FilePath.class);
    TaskListener listener = context.get(TaskListener.class);
    String reference = request.imageReference();
    String id = ImagePreparation.agent(workspace)
        .call(new ContainerCalls.Start(request, sensitiveValues(context), listener));
    containerId = id;
    if (stopped) {
      removeContainer(workspace);
      return;
    }
    listener.getLogger().println("insideEsperanto: running the block in container "
        + CommandLines.shortId(id) + " of " + reference);
    // Set first: once the body runs, a restart must not take this block for an interrupted start.
    bodyStarted = true;
    try {
      context.newBodyInvoker()
          .withContexts(
              BodyInvoker.mergeLauncherDecorators(context.get(LauncherDecorator.class), new ContainerLauncherDecorator(id)),
              EnvironmentExpander.merge(context.get(EnvironmentExpander.class), new ContainerEnvironment(id, reference)))
          .withCallback(new Cleanup())
          .start();
    } catch (RuntimeException e) {
      removeContainer(workspace);
      throw e;
    }
  }

  /**
   * The values of the build's sensitive variables (what {@code withCredentials} binds): the
   * entrypoint may print them, as the step's {@code env:} may carry them into the container.
   */
  static List<String> sensitiveValues(StepContext context) throws IOException, InterruptedException {
    EnvironmentExpander expander = context.get(EnvironmentExpander.class);
    EnvVars env = context.get(EnvVars.class);
    List<String> values = new ArrayList<>();
    if (expander != null && env != null) {
      for (String name : expander.getSensitiveVariables()) {
        String value = env.get(name);
        if (value != null && !value.isEmpty()) {
          values.add(value);
        }
      }
    }
    return values;
  }

  Map<String, String> labels(Run<?, ?> run) {
    Map<String, String> labels = new TreeMap<>();
    labels.put(EngineContainers.BLOCK_LABEL, blockId);
    labels.put("io.esperanto.jenkins.build", run.getExternalizableId());
    return labels;
  }

  static Map<String, String> parseEnv(List<String> entries) {
    Map<String, String> map = new TreeMap<>();
    for (String e : entries) {
      int eq = e.indexOf('=');
      map.put(e.substring(0, eq), e.substring(eq + 1));
    }
    return map;
  }

  @Override
  public void stop(Throwable cause) throws Exception {
    stopped = true;
    // Read while the step still runs: once it has failed, CpsStepContext may no longer find the
    // program's thread to answer get().
    FilePath workspace = workspaceOrNull();
    super.stop(cause);
    // After stop, GeneralNonBlockingStepExecution runs no more callbacks: remove the container here.
    Timer.get().execute(() -> {
      try {
        removeContainer(workspace);
      } catch (IOException | InterruptedException e) {
        cause.addSuppressed(e);
      }
    });
  }

  @Override
  public void onResume() {
    if (bodyStarted) {
      super.onResume();
      return;
    }
    // Upstream fails a resumed step only when the name of its background thread was persisted,
    // which a restart can miss; the body never started, so nothing would ever end this step.
    FilePath workspace = workspaceOrNull();
    getContext().onFailure(new AbortException("insideEsperanto: Jenkins restarted while the container of " + image
        + " was starting; run the build again"));
    // The container, if it came up, belongs to no body.
    Timer.get().execute(() -> {
      try {
        removeContainer(workspace);
      } catch (IOException | InterruptedException e) {
        // the step has failed already; the reaper removes what is left
      }
    });
  }

  @Override
  public String getStatus() {
    return containerId == null ? "starting a container of " + image
        : "running in container " + CommandLines.shortId(containerId) + " of " + image;
  }

  /** The workspace, or null when the context cannot give it: the reaper then removes the container. */
  private FilePath workspaceOrNull() {
    try {
      return getContext().get(FilePath.class);
    } catch (IOException e) {
      return null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    }
  }

  void removeContainer(FilePath workspace) throws IOException, InterruptedException {
    if (workspace == null) {
      return;
    }
    ImagePreparation.agent(workspace).call(new ContainerCalls.Remove(containerId, blockId));
  }

  /** Removes the container when the body ends, whether it succeeded or failed. */
  final class Cleanup extends TailCall {
    private static final long serialVersionUID = 1L;

    @Override
    protected void finished(StepContext context) throws Exception {
      removeContainer(context.get(FilePath.class));
    }
  }
}
