package io.jenkins.plugins.esperanto.steps;

import hudson.AbortException;
import hudson.Extension;
import hudson.FilePath;
import hudson.model.Result;
import hudson.model.Run;
import hudson.model.TaskListener;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import io.jenkins.plugins.esperanto.agent.RebuildOnAgent;
import io.jenkins.plugins.esperanto.agent.RebuildRequest;
import io.jenkins.plugins.esperanto.agent.RebuildSummary;
import io.jenkins.plugins.esperanto.config.EsperantoConfiguration;
import io.jenkins.plugins.esperanto.config.Settings;
import io.jenkins.plugins.esperanto.credentials.CredentialsMapping;
import io.jenkins.plugins.esperanto.credentials.ResolvedCredentials;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.jenkinsci.plugins.workflow.steps.SynchronousNonBlockingStepExecution;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/**
 * {@code esperantoRebuild all: true}: on the agent, rebuilds the catalog images whose content key
 * is not published (and their dependents) in parallel, pushes them, writes the reports into the
 * workspace, and marks the build {@code UNSTABLE} or {@code FAILURE} when an image failed.
 * Returns the one-line summary.
 */
public final class EsperantoRebuildStep extends Step implements Serializable {
  private static final long serialVersionUID = 1L;
  static final String DEFAULT_REPORT_DIR = "rebuild-report";

  private ArrayList<String> images = new ArrayList<>();
  private boolean all;
  private boolean refresh;
  private boolean dryRun;
  private int parallel;
  private String reportDir = DEFAULT_REPORT_DIR;
  private String resultOnFailure = "FAILURE";
  private String repository;
  private String credentialsId;
  private String catalog;

  @DataBoundConstructor
  public EsperantoRebuildStep() {}

  public List<String> getImages() {
    return List.copyOf(images);
  }

  /** The images to rebuild (their catalog parents are included); or set {@code all}. */
  @DataBoundSetter
  public void setImages(List<String> images) {
    this.images = images == null ? new ArrayList<>() : new ArrayList<>(images);
  }

  public boolean isAll() {
    return all;
  }

  /** Every image of the catalog. */
  @DataBoundSetter
  public void setAll(boolean all) {
    this.all = all;
  }

  public boolean isRefresh() {
    return refresh;
  }

  /** Rebuild every image with pull and no cache; unchanged filesystems are not pushed again. */
  @DataBoundSetter
  public void setRefresh(boolean refresh) {
    this.refresh = refresh;
  }

  public boolean isDryRun() {
    return dryRun;
  }

  /** Only print the plan. */
  @DataBoundSetter
  public void setDryRun(boolean dryRun) {
    this.dryRun = dryRun;
  }

  public int getParallel() {
    return parallel;
  }

  /** Images built at once; 0 (default) for one per core of the agent. */
  @DataBoundSetter
  public void setParallel(int parallel) {
    this.parallel = parallel;
  }

  public String getReportDir() {
    return reportDir;
  }

  /** Workspace folder for the reports (text, JSON, JUnit XML, HTML); default {@code rebuild-report}. */
  @DataBoundSetter
  public void setReportDir(String reportDir) {
    this.reportDir = reportDir == null || reportDir.isBlank() ? DEFAULT_REPORT_DIR : reportDir;
  }

  public String getResultOnFailure() {
    return resultOnFailure;
  }

  /** The build result when an image failed: {@code UNSTABLE} or {@code FAILURE} (default). */
  @DataBoundSetter
  public void setResultOnFailure(String resultOnFailure) {
    this.resultOnFailure = resultOnFailure;
  }

  public String getRepository() {
    return repository;
  }

  /** Registry repository; default: the global configuration's. */
  @DataBoundSetter
  public void setRepository(String repository) {
    this.repository = repository;
  }

  public String getCredentialsId() {
    return credentialsId;
  }

  /** Registry credentials; default: the global configuration's. */
  @DataBoundSetter
  public void setCredentialsId(String credentialsId) {
    this.credentialsId = credentialsId;
  }

  public String getCatalog() {
    return catalog;
  }

  /** Catalog folder in the workspace; default {@code images}. */
  @DataBoundSetter
  public void setCatalog(String catalog) {
    this.catalog = catalog;
  }

  /** The first problem with the step's own values, as one line. */
  Optional<String> problem() {
    if (all == !images.isEmpty()) {
      return Optional.of("esperantoRebuild: give images: [...] or all: true (not both)");
    }
    if (parallel < 0) {
      return Optional.of("esperantoRebuild: parallel must be 0 (one per core) or more; got " + parallel);
    }
    return checkResult(resultOnFailure).map(p -> "esperantoRebuild: " + p);
  }

  static Optional<String> checkResult(String value) {
    return "UNSTABLE".equals(value) || "FAILURE".equals(value) ? Optional.empty()
        : Optional.of("resultOnFailure must be UNSTABLE or FAILURE; got '" + value + "'");
  }

  @Override
  public StepExecution start(StepContext context) {
    return new Execution(this, context);
  }

  /** Runs on a background thread: Docker work never blocks the Pipeline's CPS thread. */
  static final class Execution extends SynchronousNonBlockingStepExecution<String> {
    private static final long serialVersionUID = 1L;
    private final transient EsperantoRebuildStep step;

    Execution(EsperantoRebuildStep step, StepContext context) {
      super(context);
      this.step = step;
    }

    @Override
    protected String run() throws Exception {
      Optional<String> problem = step.problem();
      if (problem.isPresent()) {
        throw new AbortException(problem.get());
      }
      Settings settings = EsperantoConfiguration.get().toSettings()
          .overriddenBy(step.repository, step.credentialsId, null, step.catalog);
      Optional<String> settingsProblem = settings.problem();
      if (settingsProblem.isPresent()) {
        throw new AbortException("esperantoRebuild: " + settingsProblem.get());
      }
      ResolvedCredentials credentials = CredentialsMapping.forRun(settings.credentialsId().orElse(null),
          getContext().get(Run.class));
      return rebuild(getContext(), settings, credentials).toString();
    }

    /** The agent work and the build result; separate from the Jenkins lookups for tests. */
    RebuildSummary rebuild(StepContext context, Settings settings, ResolvedCredentials credentials) throws Exception {
      FilePath workspace = context.get(FilePath.class);
      TaskListener listener = context.get(TaskListener.class);
      RebuildRequest request = RebuildRequest.of(workspace.getRemote(), settings, step.images, step.refresh,
          step.dryRun, step.parallel, step.reportDir, credentials);
      RebuildSummary summary = ImagePreparation.agent(workspace).call(new RebuildOnAgent(request, listener));
      listener.getLogger().println("esperantoRebuild: " + summary);
      if (summary.hasProblems()) {
        context.setResult(Result.fromString(step.resultOnFailure));
      }
      return summary;
    }
  }

  @Extension
  public static final class DescriptorImpl extends RegistryStepDescriptor {
    @Override
    public Set<? extends Class<?>> getRequiredContext() {
      return Set.of(Run.class, FilePath.class, TaskListener.class);
    }

    @Override
    public String getFunctionName() {
      return "esperantoRebuild";
    }

    @Override
    public String getDisplayName() {
      return "Rebuild changed Esperanto Docker images, with reports";
    }

    @POST
    public FormValidation doCheckResultOnFailure(@QueryParameter String value) {
      return checkResult(value).map(FormValidation::error).orElseGet(FormValidation::ok);
    }

    @POST
    public FormValidation doCheckCatalog(@QueryParameter String value) {
      return Settings.checkCatalog(value).map(FormValidation::error).orElseGet(FormValidation::ok);
    }

    /** The results core's select.jelly offers (it ignores option children and calls this). */
    @POST
    public ListBoxModel doFillResultOnFailureItems() {
      return new ListBoxModel().add("FAILURE").add("UNSTABLE");
    }

  }
}
