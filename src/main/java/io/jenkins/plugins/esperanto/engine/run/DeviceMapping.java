package io.jenkins.plugins.esperanto.engine.run;

import java.io.Serializable;
import java.util.Objects;

/** A host device made available in a container, as {@code docker run --device} takes it. */
public final class DeviceMapping implements Serializable {
  private static final long serialVersionUID = 1L;

  private final String hostPath;
  private final String containerPath;
  private final String permissions;

  private DeviceMapping(String hostPath, String containerPath, String permissions) {
    this.hostPath = hostPath;
    this.containerPath = containerPath;
    this.permissions = permissions;
  }

  /**
   * Parses {@code hostPath[:containerPath[:perms]]}; perms is a non-empty combination of
   * {@code r}, {@code w} and {@code m} (default {@code rwm}).
   *
   * @throws IllegalArgumentException with a one-line message naming the value when malformed
   */
  public static DeviceMapping parse(String value) {
    String[] parts = value.split(":", -1);
    if (parts.length > 3 || !parts[0].startsWith("/")) {
      throw new IllegalArgumentException(invalid(value));
    }
    String container = parts.length > 1 ? parts[1] : parts[0];
    String perms = parts.length > 2 ? parts[2] : "rwm";
    if (!container.startsWith("/") || !perms.matches("[rwm]{1,3}")) {
      throw new IllegalArgumentException(invalid(value));
    }
    return new DeviceMapping(parts[0], container, perms);
  }

  private static String invalid(String value) {
    return "Invalid device '"
        + value
        + "': expected /host/path[:/container/path[:perms]] with perms made of r, w, m";
  }

  /** The device on the Docker host, e.g. {@code /dev/fuse}. */
  public String hostPath() {
    return hostPath;
  }

  /** Where it appears in the container (the host path unless given). */
  public String containerPath() {
    return containerPath;
  }

  /** cgroup permissions: a combination of {@code r}, {@code w}, {@code m}. */
  public String permissions() {
    return permissions;
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof DeviceMapping)) {
      return false;
    }
    DeviceMapping other = (DeviceMapping) o;
    return hostPath.equals(other.hostPath)
        && containerPath.equals(other.containerPath)
        && permissions.equals(other.permissions);
  }

  @Override
  public int hashCode() {
    return Objects.hash(hostPath, containerPath, permissions);
  }

  @Override
  public String toString() {
    return hostPath + ":" + containerPath + ":" + permissions;
  }
}
