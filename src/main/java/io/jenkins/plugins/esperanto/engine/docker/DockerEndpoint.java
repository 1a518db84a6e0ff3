package io.jenkins.plugins.esperanto.engine.docker;

import io.jenkins.plugins.esperanto.engine.api.EsperantoException;
import io.jenkins.plugins.esperanto.engine.api.Printable;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The address of one Docker Engine, with its TLS settings: resolved once, where the process starts
 * (the CLI's options, the agent), and handed to every connection, so that the API client and the
 * hijacked attach and exec streams can only ever reach the same engine. Nothing below that edge
 * reads {@code DOCKER_HOST}.
 */
public final class DockerEndpoint {
  /** The daemon's socket when nothing else is named. */
  public static final String DEFAULT_HOST = "unix:///var/run/docker.sock";

  private final URI uri;
  private final boolean tls;
  private final Optional<String> certPath;
  private final String origin;
  private final String remedy;

  private DockerEndpoint(URI uri, boolean tls, Optional<String> certPath, String origin, String remedy) {
    this.uri = uri;
    this.tls = tls;
    this.certPath = certPath;
    this.origin = origin;
    this.remedy = remedy;
  }

  /**
   * The engine named by {@code flag}, else by {@code DOCKER_HOST} in {@code env}, else the default
   * socket; TLS as {@code DOCKER_TLS_VERIFY} and {@code DOCKER_CERT_PATH} in {@code env} say.
   *
   * @throws EsperantoException when the address is not a {@code unix://} or {@code tcp://} URL
   */
  public static DockerEndpoint resolve(Optional<String> flag, Map<String, String> env) throws EsperantoException {
    return resolve(Optional.empty(), flag, env);
  }

  /**
   * As {@link #resolve(Optional, Map)}, with the name of the option that gave {@code flag} (such as
   * {@code --docker-host}), so that a daemon that does not answer is reported against that option.
   */
  public static DockerEndpoint resolve(String flagName, Optional<String> flag, Map<String, String> env)
      throws EsperantoException {
    return resolve(Optional.of(flagName), flag, env);
  }

  private static DockerEndpoint resolve(Optional<String> flagName, Optional<String> flag, Map<String, String> env)
      throws EsperantoException {
    Optional<String> given = flag.filter(h -> !h.isBlank());
    Optional<String> fromEnv = nonBlank(env, "DOCKER_HOST");
    String origin;
    String remedy;
    if (given.isPresent()) {
      origin = flagName.map(name -> "given with " + name).orElse("given on the command line");
      remedy = "start a daemon there or give " + flagName.map(name -> name + " ").orElse("")
          + "the address of a running one";
    } else if (fromEnv.isPresent()) {
      origin = "from DOCKER_HOST";
      remedy = "start a daemon there or point DOCKER_HOST at a running daemon";
    } else {
      origin = "the default socket";
      remedy = "start it (e.g. 'sudo systemctl start docker') or point DOCKER_HOST"
          + flagName.map(name -> " or " + name).orElse("") + " at a running daemon";
    }
    String host = given.or(() -> fromEnv).orElse(DEFAULT_HOST);
    String verify = nonBlank(env, "DOCKER_TLS_VERIFY").orElse("");
    boolean tls = "1".equals(verify) || "true".equalsIgnoreCase(verify);
    return new DockerEndpoint(parse(host, origin), tls, nonBlank(env, "DOCKER_CERT_PATH"), origin, remedy);
  }

  /** The engine at {@code host} ({@code unix:///path} or {@code tcp://host:port}), without TLS. */
  public static DockerEndpoint of(String host) throws EsperantoException {
    return new DockerEndpoint(parse(host, "given"), false, Optional.empty(), "given", "start a daemon there");
  }

  private static URI parse(String host, String origin) throws EsperantoException {
    URI uri;
    try {
      uri = new URI(host);
    } catch (URISyntaxException e) {
      uri = null;
    }
    boolean unix = uri != null && "unix".equals(uri.getScheme()) && uri.getPath() != null && !uri.getPath().isEmpty();
    boolean tcp = uri != null && "tcp".equals(uri.getScheme()) && uri.getHost() != null;
    if (!unix && !tcp) {
      throw new EsperantoException("Tried to use '" + Printable.of(host) + "' (" + origin
          + ") as the Docker Engine address but it is not one; expected unix:///path/to/docker.sock or tcp://host:port");
    }
    return uri;
  }

  private static Optional<String> nonBlank(Map<String, String> env, String name) {
    return Optional.ofNullable(env.get(name)).filter(v -> !v.isBlank());
  }

  /** The address, such as {@code unix:///var/run/docker.sock}. */
  public URI uri() {
    return uri;
  }

  /** True when the engine is reached over TLS ({@code tcp://} with {@code DOCKER_TLS_VERIFY}). */
  public boolean tls() {
    return tls;
  }

  /** The folder of the TLS client certificates, when one was named. */
  public Optional<String> certPath() {
    return certPath;
  }

  /** Where the address came from, such as {@code given with --docker-host} or {@code from DOCKER_HOST}. */
  public String origin() {
    return origin;
  }

  /** What to do when no daemon answers at this address, naming the setting that chose it. */
  public String remedy() {
    return remedy;
  }

  /** Equal when both reach the same engine the same way, wherever the address came from. */
  @Override
  public boolean equals(Object other) {
    return other instanceof DockerEndpoint that && uri.equals(that.uri) && tls == that.tls
        && certPath.equals(that.certPath);
  }

  @Override
  public int hashCode() {
    return Objects.hash(uri, tls, certPath);
  }

  /** The address, as given. */
  @Override
  public String toString() {
    return uri.toString();
  }
}
