package io.jenkins.plugins.esperanto.engine.run;

import java.io.Serializable;
import java.util.Objects;

/**
 * A host folder or file bind-mounted into a container, or a named Docker volume. A host path
 * seen by this process is checked to exist before the container is created; one taken from
 * another container's mounts ({@link #ofDaemonPath}) lies on the daemon's host and is not.
 */
public final class Mount implements Serializable {
  private static final long serialVersionUID = 1L;

  /** What {@link #source()} names. */
  enum Kind {
    /** A path this process sees. */
    LOCAL_PATH,
    /** A path on the Docker daemon's host that this process may not see. */
    DAEMON_PATH,
    /** The name of a Docker volume. */
    VOLUME
  }

  private final String source;
  private final String target;
  private final boolean readOnly;
  private final Kind kind;

  private Mount(String source, String target, boolean readOnly, Kind kind) {
    if (kind != Kind.VOLUME && !source.startsWith("/") || source.isEmpty() || !target.startsWith("/")) {
      throw new IllegalArgumentException(
          "Mount paths must be absolute: '" + source + "' -> '" + target + "'");
    }
    this.source = source;
    this.target = target;
    this.readOnly = readOnly;
    this.kind = kind;
  }

  /** A read-write mount of {@code source} (on the Docker host) at {@code target}. */
  public static Mount of(String source, String target) {
    return new Mount(source, target, false, Kind.LOCAL_PATH);
  }

  /** A mount of {@code source} at {@code target}, read-only when asked. */
  public static Mount of(String source, String target, boolean readOnly) {
    return new Mount(source, target, readOnly, Kind.LOCAL_PATH);
  }

  /** The same path on both sides, read-write: how workspaces are mounted. */
  public static Mount samePath(String path) {
    return new Mount(path, path, false, Kind.LOCAL_PATH);
  }

  /**
   * A bind mount whose {@code source} is on the daemon's host, not necessarily visible here (a
   * mount of the agent's own container, when the agent runs in one).
   */
  public static Mount ofDaemonPath(String source, String target, boolean readOnly) {
    return new Mount(source, target, readOnly, Kind.DAEMON_PATH);
  }

  /** The Docker volume {@code name} at {@code target}. */
  public static Mount ofVolume(String name, String target, boolean readOnly) {
    return new Mount(name, target, readOnly, Kind.VOLUME);
  }

  Kind kind() {
    return kind;
  }

  /** Absolute path on the Docker host, or a volume's name. */
  public String source() {
    return source;
  }

  /** Absolute path in the container. */
  public String target() {
    return target;
  }

  /** Whether the container may not write to it. */
  public boolean readOnly() {
    return readOnly;
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof Mount)) {
      return false;
    }
    Mount other = (Mount) o;
    return source.equals(other.source) && target.equals(other.target) && readOnly == other.readOnly
        && kind == other.kind;
  }

  @Override
  public int hashCode() {
    return Objects.hash(source, target, readOnly, kind);
  }

  @Override
  public String toString() {
    return (kind == Kind.VOLUME ? "volume " : "") + source + ":" + target + (readOnly ? ":ro" : ":rw");
  }
}
