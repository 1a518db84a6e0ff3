package io.jenkins.plugins.esperanto.engine.api;

/** What the engine did to make an image available. */
public enum ImageAction {
  /** The image for this content key was already on the Docker Engine. */
  UP_TO_DATE,
  /** Pulled from the registry instead of building. */
  PULLED,
  /** Built (and squashed, if asked) here. */
  BUILT
}
