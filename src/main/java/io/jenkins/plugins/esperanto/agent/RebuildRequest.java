package io.jenkins.plugins.esperanto.agent;

import io.jenkins.plugins.esperanto.config.Settings;
import io.jenkins.plugins.esperanto.credentials.ResolvedCredentials;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/** Everything the agent needs for one {@code esperantoRebuild}: plain values only. */
public final class RebuildRequest implements Serializable {
  private static final long serialVersionUID = 1L;

  private final String workspace;
  private final Settings settings;
  private final ArrayList<String> images;
  private final boolean refresh;
  private final boolean dryRun;
  private final int parallel;
  private final String reportDir;
  private final ResolvedCredentials credentials;

  private RebuildRequest(String workspace, Settings settings, List<String> images, boolean refresh, boolean dryRun,
      int parallel, String reportDir, ResolvedCredentials credentials) {
    this.workspace = workspace;
    this.settings = settings;
    this.images = new ArrayList<>(images);
    this.refresh = refresh;
    this.dryRun = dryRun;
    this.parallel = parallel;
    this.reportDir = reportDir;
    this.credentials = credentials;
  }

  /**
   * A request.
   *
   * @param images the image names; empty for every image of the catalog
   * @param parallel images built at once; 0 for one per core of the agent
   * @param reportDir folder for the reports, relative to the workspace
   */
  public static RebuildRequest of(String workspace, Settings settings, List<String> images, boolean refresh,
      boolean dryRun, int parallel, String reportDir, ResolvedCredentials credentials) {
    return new RebuildRequest(workspace, settings, images, refresh, dryRun, parallel, reportDir, credentials);
  }

  public String workspace() {
    return workspace;
  }

  public Settings settings() {
    return settings;
  }

  /** The image names; empty means every image of the catalog. */
  public List<String> images() {
    return List.copyOf(images);
  }

  public boolean refresh() {
    return refresh;
  }

  public boolean dryRun() {
    return dryRun;
  }

  /** Images built at once; 0 for one per core. */
  public int parallel() {
    return parallel;
  }

  public String reportDir() {
    return reportDir;
  }

  public ResolvedCredentials credentials() {
    return credentials;
  }
}
