package io.jenkins.plugins.esperanto.agent;

import io.jenkins.plugins.esperanto.config.Settings;
import io.jenkins.plugins.esperanto.credentials.ResolvedCredentials;
import java.io.Serializable;

/** What {@code esperantoImage} asks the agent to do: make one catalog image available. */
public final class ProvisionRequest implements Serializable {
  private static final long serialVersionUID = 1L;

  private final String workspace;
  private final String name;
  private final Settings settings;
  private final boolean push;
  private final ResolvedCredentials credentials;

  private ProvisionRequest(String workspace, String name, Settings settings, boolean push,
      ResolvedCredentials credentials) {
    this.workspace = workspace;
    this.name = name;
    this.settings = settings;
    this.push = push;
    this.credentials = credentials;
  }

  public static ProvisionRequest of(String workspace, String name, Settings settings, boolean push,
      ResolvedCredentials credentials) {
    return new ProvisionRequest(workspace, name, settings, push, credentials);
  }

  /** The workspace on the agent; the catalog is {@code workspace/settings.catalog()}. */
  public String workspace() {
    return workspace;
  }

  public String name() {
    return name;
  }

  public Settings settings() {
    return settings;
  }

  public boolean push() {
    return push;
  }

  public ResolvedCredentials credentials() {
    return credentials;
  }

  @Override
  public String toString() {
    return "ProvisionRequest[" + name + " from " + workspace + "/" + settings.catalog() + ", push=" + push + ", "
        + credentials + "]";
  }
}
