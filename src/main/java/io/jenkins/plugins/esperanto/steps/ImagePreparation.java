package io.jenkins.plugins.esperanto.steps;

import hudson.AbortException;
import hudson.FilePath;
import hudson.model.Run;
import hudson.model.TaskListener;
import hudson.remoting.VirtualChannel;
import io.jenkins.plugins.esperanto.action.EsperantoImagesAction;
import io.jenkins.plugins.esperanto.action.ImageRecord;
import io.jenkins.plugins.esperanto.agent.Provision;
import io.jenkins.plugins.esperanto.agent.ProvisionRequest;
import io.jenkins.plugins.esperanto.config.EsperantoConfiguration;
import io.jenkins.plugins.esperanto.config.Settings;
import io.jenkins.plugins.esperanto.credentials.CredentialsMapping;
import io.jenkins.plugins.esperanto.credentials.ResolvedCredentials;
import java.io.IOException;
import java.util.Optional;
import org.jenkinsci.plugins.workflow.steps.StepContext;

/**
 * What both steps do to get a catalog image: check the inputs, take the credentials for the run,
 * provision on the agent, record the image on the build.
 */
final class ImagePreparation {
  private ImagePreparation() {}

  /** The step's own values, each null when not set. */
  static final class Overrides {
    final String repository;
    final String credentialsId;
    final String squash;
    final String catalog;
    final boolean push;

    Overrides(String repository, String credentialsId, String squash, String catalog, boolean push) {
      this.repository = repository;
      this.credentialsId = credentialsId;
      this.squash = squash;
      this.catalog = catalog;
      this.push = push;
    }

    static Overrides none() {
      return new Overrides(null, null, null, null, false);
    }
  }

  /**
   * Checks a step's inputs against the global settings; the one-line problem, if any.
   */
  static Optional<String> problem(String step, String name, Settings settings, boolean push) {
    Optional<String> problem = Settings.checkName(name).or(settings::problem);
    if (problem.isEmpty() && push && settings.repository().isEmpty()) {
      problem = Optional.of("push: true needs a registry repository; set repository on the step or in "
          + "Manage Jenkins > System > Esperanto Docker");
    }
    return problem.map(p -> step + ": " + p);
  }

  /** A prepared catalog image and the catalog folder it came from, on the agent. */
  static final class Prepared {
    final ImageRecord image;
    final String catalogDir;

    Prepared(ImageRecord image, String catalogDir) {
      this.image = image;
      this.catalogDir = catalogDir;
    }
  }

  /** Provisions {@code name} on the workspace's agent and records it on the build. */
  static Prepared prepare(StepContext context, String step, String name, Overrides overrides)
      throws IOException, InterruptedException {
    Run<?, ?> run = context.get(Run.class);
    FilePath workspace = context.get(FilePath.class);
    TaskListener listener = context.get(TaskListener.class);
    Settings settings = EsperantoConfiguration.get().toSettings()
        .overriddenBy(overrides.repository, overrides.credentialsId, overrides.squash, overrides.catalog);
    Optional<String> problem = problem(step, name, settings, overrides.push);
    if (problem.isPresent()) {
      throw new AbortException(problem.get());
    }
    ResolvedCredentials credentials = CredentialsMapping.forRun(settings.credentialsId().orElse(null), run);
    ProvisionRequest request = ProvisionRequest.of(workspace.getRemote(), name, settings, overrides.push, credentials);
    ImageRecord image = agent(workspace).call(new Provision(request, listener));
    EsperantoImagesAction.record(run, image);
    listener.getLogger().println(step + ": " + name + " is " + image.getReference() + " (" + image.getAction() + ")");
    return new Prepared(image, workspace.getRemote() + "/" + settings.catalog());
  }

  /**
   * Makes the image of a full reference available on the workspace's agent (pulled when missing,
   * with the build's credentials only for the configured registry) and records what ran.
   */
  static ImageRecord prepareReference(StepContext context, String step, String reference)
      throws IOException, InterruptedException {
    Run<?, ?> run = context.get(Run.class);
    FilePath workspace = context.get(FilePath.class);
    TaskListener listener = context.get(TaskListener.class);
    Settings settings = EsperantoConfiguration.get().toSettings();
    ResolvedCredentials credentials = CredentialsMapping.forRun(settings.credentialsId().orElse(null), run);
    ImageRecord image = agent(workspace).call(Provision.ofReference(
        ProvisionRequest.of(workspace.getRemote(), reference, settings, false, credentials), listener));
    EsperantoImagesAction.record(run, image);
    listener.getLogger().println(step + ": " + reference + " is " + image.getImageId() + " (" + image.getAction() + ")");
    return image;
  }

  static VirtualChannel agent(FilePath workspace) throws AbortException {
    VirtualChannel channel = workspace.getChannel();
    if (channel == null) {
      throw new AbortException("The agent of workspace " + workspace.getRemote() + " is offline; reconnect it");
    }
    return channel;
  }
}
