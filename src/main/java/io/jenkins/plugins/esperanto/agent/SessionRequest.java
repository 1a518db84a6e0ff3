package io.jenkins.plugins.esperanto.agent;

import java.io.Serializable;
import io.jenkins.plugins.esperanto.action.ImageRecord;
import io.jenkins.plugins.esperanto.engine.run.RunPolicy;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What {@code insideEsperanto} asks the agent to start: the image, the workspace and its
 * {@code @tmp} folder (mounted at the same paths), and the step's overrides. Strings only, so it
 * crosses the remoting channel as is.
 */
public final class SessionRequest implements Serializable {
  private static final long serialVersionUID = 1L;

  private final String imageReference;
  private final String workspace;
  private final String tmpDir;
  private final TreeMap<String, String> env;
  private final ArrayList<String> volumes;
  private final ArrayList<String> args;
  private final TreeMap<String, String> labels;
  private final String catalogDir;
  private final ImageRecord catalogImage;
  private final RunPolicy policy;

  private SessionRequest(String imageReference, String workspace, String tmpDir, Map<String, String> env,
      List<String> volumes, List<String> args, Map<String, String> labels, String catalogDir,
      ImageRecord catalogImage, RunPolicy policy) {
    this.imageReference = imageReference;
    this.workspace = workspace;
    this.tmpDir = tmpDir;
    this.env = new TreeMap<>(env);
    this.volumes = new ArrayList<>(volumes);
    this.args = new ArrayList<>(args);
    this.labels = new TreeMap<>(labels);
    this.catalogDir = catalogDir;
    this.catalogImage = catalogImage;
    this.policy = policy;
  }

  /**
   * A request.
   *
   * @param volumes {@code source:target} or {@code source:target:ro} entries
   * @param args arguments for the image's entrypoint
   */
  public static SessionRequest of(String imageReference, String workspace, String tmpDir, Map<String, String> env,
      List<String> volumes, List<String> args, Map<String, String> labels) {
    return new SessionRequest(imageReference, workspace, tmpDir, env, volumes, args, labels, null, null,
        RunPolicy.defaults());
  }

  /**
   * This request for a catalog image: its {@code image.yaml} run settings (env, volumes, devices,
   * groups, entrypoint arguments...) apply, under the step's own.
   *
   * @param catalogDir the catalog folder on the agent
   * @param image what {@code esperantoImage} reported for it
   */
  public SessionRequest forCatalogImage(String catalogDir, ImageRecord image) {
    return new SessionRequest(image.getReference(), workspace, tmpDir, env, volumes, args, labels, catalogDir, image,
        policy);
  }

  /** This request with what a catalog image's {@code image.yaml} may ask of the agent. */
  public SessionRequest withPolicy(RunPolicy value) {
    return new SessionRequest(imageReference, workspace, tmpDir, env, volumes, args, labels, catalogDir, catalogImage,
        java.util.Objects.requireNonNull(value));
  }

  /** What a catalog image's {@code image.yaml} may ask of the agent. */
  public RunPolicy policy() {
    return policy;
  }

  /** The catalog folder, for a catalog image. */
  public Optional<String> catalogDir() {
    return Optional.ofNullable(catalogDir);
  }

  /** The catalog image, when the block was given a name rather than a reference. */
  public Optional<ImageRecord> catalogImage() {
    return Optional.ofNullable(catalogImage);
  }

  public String imageReference() {
    return imageReference;
  }

  public String workspace() {
    return workspace;
  }

  public String tmpDir() {
    return tmpDir;
  }

  public Map<String, String> env() {
    return java.util.Collections.unmodifiableMap(env);
  }

  public List<String> volumes() {
    return java.util.Collections.unmodifiableList(volumes);
  }

  public List<String> args() {
    return java.util.Collections.unmodifiableList(args);
  }

  public Map<String, String> labels() {
    return java.util.Collections.unmodifiableMap(labels);
  }

  @Override
  public String toString() {
    return "SessionRequest[" + imageReference + " in " + workspace + "]";
  }
}
