package io.jenkins.plugins.esperanto.steps;

import edu.umd.cs.findbugs.annotations.NonNull;
import edu.umd.cs.findbugs.annotations.Nullable;
import hudson.Extension;
import hudson.FilePath;
import hudson.model.Run;
import hudson.model.TaskListener;
import hudson.util.FormValidation;
import io.jenkins.plugins.esperanto.agent.EngineContainers;
import io.jenkins.plugins.esperanto.config.Settings;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import net.sf.json.JSONObject;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepDescriptor;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.StaplerRequest2;
import org.kohsuke.stapler.verb.POST;

/**
 * {@code insideEsperanto('toolchain') { sh 'make' }}: runs the body with every process it
 * launches inside one container of the image, as the agent's own user, with the workspace at the
 * same path; the container is removed when the block ends, fails or is aborted.
 */
public final class InsideEsperantoStep extends Step implements Serializable {
  private static final long serialVersionUID = 1L;

  private final String image;
  private ArrayList<String> env = new ArrayList<>();
  private ArrayList<String> volumes = new ArrayList<>();
  private ArrayList<String> args = new ArrayList<>();

  /**
   * @param image a catalog image name ({@code toolchain}, built or pulled first) or a full
   *     reference ({@code registry/team/toolchain:key}, used as is)
   */
  @DataBoundConstructor
  public InsideEsperantoStep(String image) {
    this.image = image;
  }

  public String getImage() {
    return image;
  }

  public List<String> getEnv() {
    return new ArrayList<>(env);
  }

  /** Extra container variables, {@code NAME=value}. */
  @DataBoundSetter
  public void setEnv(List<String> env) {
    this.env = env == null ? new ArrayList<>() : new ArrayList<>(env);
  }

  public List<String> getVolumes() {
    return new ArrayList<>(volumes);
  }

  /** Extra mounts, {@code /host/path:/container/path[:ro]}. */
  @DataBoundSetter
  public void setVolumes(List<String> volumes) {
    this.volumes = volumes == null ? new ArrayList<>() : new ArrayList<>(volumes);
  }

  public List<String> getArgs() {
    return new ArrayList<>(args);
  }

  /** Arguments for the image's entrypoint. */
  @DataBoundSetter
  public void setArgs(List<String> args) {
    this.args = args == null ? new ArrayList<>() : new ArrayList<>(args);
  }

  /** The step the form describes: env, volumes and args one per line, blank lines ignored. */
  static InsideEsperantoStep fromForm(String image, String env, String volumes, String args) {
    InsideEsperantoStep step = new InsideEsperantoStep(image);
    step.setEnv(splitLines(env));
    step.setVolumes(splitLines(volumes));
    step.setArgs(splitLines(args));
    return step;
  }

  static String joinLines(List<String> values) {
    return values == null ? "" : String.join("\n", values);
  }

  static List<String> splitLines(String text) {
    List<String> lines = new ArrayList<>();
    for (String line : (text == null ? "" : text).split("\r?\n")) {
      if (!line.isBlank()) {
        lines.add(line.trim());
      }
    }
    return lines;
  }

  /** True when {@code image} is a full reference rather than a catalog name. */
  static boolean isReference(String image) {
    return image.contains("/") || image.contains(":") || image.contains("@");
  }

  /** The first problem with the step's parameters, as one line. */
  Optional<String> problem() {
    if (image == null || image.isBlank()) {
      return Optional.of("insideEsperanto: image is empty; give a catalog name such as 'toolchain' or a reference");
    }
    if (!isReference(image) && Settings.checkName(image).isPresent()) {
      return Settings.checkName(image).map(p -> "insideEsperanto: " + p);
    }
    for (String e : env) {
      if (e.indexOf('=') <= 0) {
        return Optional.of("insideEsperanto: env entry '" + e + "' is not NAME=value");
      }
    }
    for (String v : volumes) {
      Optional<String> problem = EngineContainers.volumeProblem(v);
      if (problem.isPresent()) {
        return problem.map(p -> "insideEsperanto: " + p);
      }
    }
    return Optional.empty();
  }

  @Override
  public StepExecution start(StepContext context) {
    return new InsideEsperantoExecution(this, context);
  }

  @Extension
  public static final class DescriptorImpl extends StepDescriptor {
    @Override
    public Set<? extends Class<?>> getRequiredContext() {
      return Set.of(Run.class, FilePath.class, TaskListener.class);
    }

    @Override
    public String getFunctionName() {
      return "insideEsperanto";
    }

    @Override
    public String getDisplayName() {
      return "Run steps inside an Esperanto Docker container";
    }

    @Override
    public boolean takesImplicitBlockArgument() {
      return true;
    }

    /**
     * From the form, where the lists are text areas (one entry a line), as workflow-basic-steps'
     * withEnv does: Stapler cannot bind a text area to a list of strings.
     */
    @Override
    public Step newInstance(@Nullable StaplerRequest2 req, @NonNull JSONObject formData) throws FormException {
      return fromForm(formData.getString("image"), formData.optString("env"), formData.optString("volumes"),
          formData.optString("args"));
    }

    /** A list as the form's text area shows it, one entry a line (used by config.jelly). */
    public String joinLines(List<String> values) {
      return InsideEsperantoStep.joinLines(values);
    }

    @POST
    public FormValidation doCheckImage(@QueryParameter String value) {
      Optional<String> problem = new InsideEsperantoStep(value).problem();
      return problem.map(FormValidation::error).orElseGet(FormValidation::ok);
    }
  }
}
