package io.jenkins.plugins.esperanto.engine.api;

/** The Docker Engine did not answer at the configured address. */
public final class DockerUnavailableException extends EsperantoException {
  private static final long serialVersionUID = 1L;

  private final String dockerHost;

  /**
   * @param dockerHost the address that was tried
   * @param origin where that address came from, such as {@code given with --docker-host}
   * @param remedy what to do, naming the setting that chose the address
   */
  public DockerUnavailableException(String dockerHost, String origin, String remedy, Throwable cause) {
    super("Tried to reach the Docker Engine at " + dockerHost + " (" + origin + ") but it did not answer; " + remedy,
        cause);
    this.dockerHost = dockerHost;
  }

  /** The address that was tried, such as {@code unix:///var/run/docker.sock}. */
  public String getDockerHost() {
    return dockerHost;
  }
}
