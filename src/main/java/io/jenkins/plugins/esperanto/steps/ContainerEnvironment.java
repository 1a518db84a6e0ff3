package io.jenkins.plugins.esperanto.steps;

import hudson.EnvVars;
import org.jenkinsci.plugins.workflow.steps.EnvironmentExpander;

/** Tells the body which container and image it runs in ({@code ESPERANTO_CONTAINER_ID}, {@code ESPERANTO_IMAGE}). */
final class ContainerEnvironment extends EnvironmentExpander {
  private static final long serialVersionUID = 1L;

  private final String containerId;
  private final String imageReference;

  ContainerEnvironment(String containerId, String imageReference) {
    this.containerId = containerId;
    this.imageReference = imageReference;
  }

  @Override
  public void expand(EnvVars env) {
    env.put("ESPERANTO_CONTAINER_ID", containerId);
    env.put("ESPERANTO_IMAGE", imageReference);
  }
}
