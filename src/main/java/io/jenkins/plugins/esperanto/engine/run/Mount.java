package io.jenkins.plugins.esperanto.engine.run;

import java.io.Serializable;
import java.util.Objects;

/** A host folder or file bind-mounted into a container. */
public final class Mount implements Serializable {
  private static final long serialVersionUID = 1L;

  private final String source;
  private final String target;
  private final boolean readOnly;

  private Mount(String source, String target, boolean readOnly) {
    if (!source.startsWith("/") || !target.startsWith("/")) {
      throw new IllegalArgumentException(
          "Mount paths must be absolute: '" + source + "' -> '" + target + "'");
    }
    this.source = source;
    this.target = target;
    this.readOnly = readOnly;
  }

  /** A read-write mount of {@code source} (on the Docker host) at {@code target}. */
  public static Mount of(String source, String target) {
    return new Mount(source, target, false);
  }

  /** A mount of {@code source} at {@code target}, read-only when asked. */
  public static Mount of(String source, String target, boolean readOnly) {
    return new Mount(source, target, readOnly);
  }

  /** The same path on both sides, read-write: how workspaces are mounted. */
  public static Mount samePath(String path) {
    return new Mount(path, path, false);
  }

  /** Absolute path on the Docker host. */
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
    return source.equals(other.source) && target.equals(other.target) && readOnly == other.readOnly;
  }

  @Override
  public int hashCode() {
    return Objects.hash(source, target, readOnly);
  }

  @Override
  public String toString() {
    return source + ":" + target + (readOnly ? ":ro" : ":rw");
  }
}
