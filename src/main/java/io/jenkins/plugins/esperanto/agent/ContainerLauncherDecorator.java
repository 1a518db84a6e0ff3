package io.jenkins.plugins.esperanto.agent;

import hudson.Launcher;
import hudson.LauncherDecorator;
import hudson.model.Node;
import java.io.Serializable;

/**
 * Put into the body context of {@code insideEsperanto}: every launcher the body asks for (each
 * {@code sh}) runs its processes in the block's container. Holds only the container id, so it is
 * persisted with the Pipeline and works again after a controller restart, on the new channel.
 */
public final class ContainerLauncherDecorator extends LauncherDecorator implements Serializable {
  private static final long serialVersionUID = 1L;

  private final String containerId;

  public ContainerLauncherDecorator(String containerId) {
    this.containerId = containerId;
  }

  public String getContainerId() {
    return containerId;
  }

  @Override
  public Launcher decorate(Launcher launcher, Node node) {
    return new ContainerLauncher(launcher, containerId);
  }
}
