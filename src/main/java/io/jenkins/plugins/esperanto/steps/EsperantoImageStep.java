package io.jenkins.plugins.esperanto.steps;

import hudson.Extension;
import hudson.FilePath;
import hudson.model.Run;
import hudson.model.TaskListener;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import io.jenkins.plugins.esperanto.config.Settings;
import io.jenkins.plugins.esperanto.config.SquashChoices;
import java.io.Serializable;
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
 * {@code esperantoImage 'toolchain'}: builds or pulls the catalog image on the agent and returns
 * its full reference, {@code repo/name:key}.
 */
public final class EsperantoImageStep extends Step implements Serializable {
  private static final long serialVersionUID = 1L;

  private final String name;
  private boolean push;
  private String squash;
  private String repository;
  private String credentialsId;
  private String catalog;

  @DataBoundConstructor
  public EsperantoImageStep(String name) {
    this.name = name;
  }

  public String getName() {
    return name;
  }

  public boolean isPush() {
    return push;
  }

  /** Push the image to the registry after building it. */
  @DataBoundSetter
  public void setPush(boolean push) {
    this.push = push;
  }

  public String getSquash() {
    return squash;
  }

  /** Squash mode for this build ({@code none}, {@code own}, {@code all}); default: image.yaml's. */
  @DataBoundSetter
  public void setSquash(String squash) {
    this.squash = squash;
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

  /** Credentials for the registry; default: the global configuration's. */
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

  ImagePreparation.Overrides overrides() {
    return new ImagePreparation.Overrides(repository, credentialsId, squash, catalog, push);
  }

  @Override
  public StepExecution start(StepContext context) {
    return new Execution(this, context);
  }

  /** Runs on a background thread: Docker work never blocks the Pipeline's CPS thread. */
  static final class Execution extends SynchronousNonBlockingStepExecution<String> {
    private static final long serialVersionUID = 1L;
    private final transient EsperantoImageStep step;

    Execution(EsperantoImageStep step, StepContext context) {
      super(context);
      this.step = step;
    }

    @Override
    protected String run() throws Exception {
      return ImagePreparation.prepare(getContext(), "esperantoImage", step.getName(), step.overrides()).image.getReference();
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
      return "esperantoImage";
    }

    @Override
    public String getDisplayName() {
      return "Build or pull an Esperanto Docker image";
    }

    @POST
    public FormValidation doCheckName(@QueryParameter String value) {
      return Settings.checkName(value).map(FormValidation::error).orElseGet(FormValidation::ok);
    }

    @POST
    public FormValidation doCheckSquash(@QueryParameter String value) {
      return Settings.checkSquash(value).map(FormValidation::error).orElseGet(FormValidation::ok);
    }

    @POST
    public FormValidation doCheckCatalog(@QueryParameter String value) {
      return Settings.checkCatalog(value).map(FormValidation::error).orElseGet(FormValidation::ok);
    }

    /** Blank (each image's image.yaml decides) or one of the squash modes. */
    @POST
    public ListBoxModel doFillSquashItems() {
      return SquashChoices.all();
    }

  }
}
