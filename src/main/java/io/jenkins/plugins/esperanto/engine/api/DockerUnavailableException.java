package io.jenkins.plugins.esperanto.engine.api;

/** The Docker Engine did not answer at the configured address. */
public final class DockerUnavailableException extends EsperantoException {
  private static final long serialVersionUID = 1L;

  private final String dockerHost;

  public DockerUnavailableException(String dockerHost, Throwable cause) {
    super(
        "Tried to reach the Docker Engine at "
            + dockerHost
            + " but it did not answer; start it (e.g. 'scripts/test-env', 'sudo systemctl start docker')"
            + " or point DOCKER_HOST at a running daemon",
        cause);
    this.dockerHost = dockerHost;
  }

  /** The address that was tried, such as {@code unix:///var/run/docker.sock}. */
  public String getDockerHost() {
    return dockerHost;
  }
}
