package io.jenkins.plugins.esperanto.engine.run;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What the {@code run:} section of an {@code image.yaml} may ask of the host. {@code image.yaml}
 * is untrusted input (whoever edits it in a pull request would otherwise be root on the agent),
 * so by default bind sources must lie in the workspace or the caller's home, and devices,
 * privileged groups and the {@code host} and {@code container:} networks are refused. Each list
 * here widens one of these; {@code *} allows everything of its kind.
 *
 * <p>An administrator sets it in the Jenkins global configuration, a CLI user in {@code
 * policy.yaml} or with flags. Mounts the caller gives itself (a step's {@code volumes:}, {@code
 * esperanto run -v}) are trusted and not checked.
 */
public final class RunPolicy implements Serializable {
  private static final long serialVersionUID = 1L;

  /** Allows every value of its kind. */
  public static final String ANY = "*";

  /**
   * Groups refused by default: each gives root on the host, or reads secrets, once a matching
   * device, socket or file is reachable (root, disk, docker, sudo, wheel, adm, shadow, kvm, lxd,
   * libvirt). Their gids on the host, and gid 0, are refused too.
   */
  public static final List<String> PRIVILEGED_GROUPS =
      List.of("root", "disk", "docker", "sudo", "wheel", "adm", "shadow", "kvm", "lxd", "libvirt");

  private final List<String> hostPaths;
  private final List<String> devices;
  private final List<String> groups;
  private final List<String> networks;

  private RunPolicy(List<String> hostPaths, List<String> devices, List<String> groups, List<String> networks) {
    this.hostPaths = hostPaths;
    this.devices = devices;
    this.groups = groups;
    this.networks = networks;
  }

  /** Nothing beyond the workspace and home, no device, no privileged group, no shared network. */
  public static RunPolicy defaults() {
    return new RunPolicy(List.of(), List.of(), List.of(), List.of());
  }

  /**
   * A policy widened by these lists.
   *
   * @param hostPaths absolute host folders or files (and what lies under them) allowed as bind sources
   * @param devices absolute device paths allowed in {@code run.devices}
   * @param groups group names or gids allowed although privileged
   * @param networks {@code host}, {@code container:NAME} or {@code container:*}
   * @throws IllegalArgumentException with a one-line message naming the bad entry
   */
  public static RunPolicy of(Collection<String> hostPaths, Collection<String> devices, Collection<String> groups,
      Collection<String> networks) {
    List<String> paths = distinct(hostPaths);
    List<String> devs = distinct(devices);
    for (String path : paths) {
      hostPathProblem(path).ifPresent(RunPolicy::refuse);
    }
    for (String device : devs) {
      devicePathProblem(device).ifPresent(RunPolicy::refuse);
    }
    return new RunPolicy(paths, devs, distinct(groups), distinct(networks));
  }

  /**
   * Splits a setting written one entry a line (commas separate too); blank lines and lines
   * starting with {@code #} are skipped.
   */
  public static List<String> parseList(String text) {
    List<String> entries = new ArrayList<>();
    if (text == null) {
      return entries;
    }
    for (String line : text.split("\\R")) {
      if (line.strip().startsWith("#")) {
        continue;
      }
      for (String entry : line.split(",")) {
        if (!entry.isBlank()) {
          entries.add(entry.strip());
        }
      }
    }
    return entries;
  }

  /** Why {@code path} cannot be an allowed host path, if it cannot. */
  public static Optional<String> hostPathProblem(String path) {
    return path.equals(ANY) || path.startsWith("/") ? Optional.empty()
        : Optional.of("allowed host path '" + path + "' must be absolute (or * for any)");
  }

  /** Why {@code path} cannot be an allowed device, if it cannot. */
  public static Optional<String> devicePathProblem(String path) {
    return path.equals(ANY) || path.startsWith("/") ? Optional.empty()
        : Optional.of("allowed device '" + path + "' must be an absolute path such as /dev/fuse (or * for any)");
  }

  /** This policy widened by {@code other} too (a CLI's file plus its flags). */
  public RunPolicy plus(RunPolicy other) {
    return of(concat(hostPaths, other.hostPaths), concat(devices, other.devices), concat(groups, other.groups),
        concat(networks, other.networks));
  }

  /** Host paths allowed as bind sources besides the workspace and home. */
  public List<String> hostPaths() {
    return hostPaths;
  }

  /** Devices allowed. */
  public List<String> devices() {
    return devices;
  }

  /** Privileged groups allowed. */
  public List<String> groups() {
    return groups;
  }

  /** Network modes allowed besides Docker's bridge, none and named networks. */
  public List<String> networks() {
    return networks;
  }

  /** Whether {@code value} (a group name or gid) is allowed although privileged. */
  boolean allowsGroup(String value) {
    return groups.contains(ANY) || groups.contains(value);
  }

  /** Whether the network mode {@code value} ({@code host}, {@code container:x}) is allowed. */
  boolean allowsNetwork(String value) {
    return networks.contains(ANY) || networks.contains(value)
        || value.startsWith("container:") && networks.contains("container:*");
  }

  private static void refuse(String problem) {
    throw new IllegalArgumentException(problem);
  }

  private static List<String> distinct(Collection<String> values) {
    Set<String> set = new LinkedHashSet<>();
    for (String value : values) {
      set.add(Objects.requireNonNull(value).strip());
    }
    set.remove("");
    return List.copyOf(set);
  }

  private static List<String> concat(List<String> a, List<String> b) {
    List<String> all = new ArrayList<>(a);
    all.addAll(b);
    return all;
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof RunPolicy)) {
      return false;
    }
    RunPolicy other = (RunPolicy) o;
    return hostPaths.equals(other.hostPaths) && devices.equals(other.devices) && groups.equals(other.groups)
        && networks.equals(other.networks);
  }

  @Override
  public int hashCode() {
    return Objects.hash(hostPaths, devices, groups, networks);
  }

  @Override
  public String toString() {
    return "RunPolicy{hostPaths=" + hostPaths + ", devices=" + devices + ", groups=" + groups + ", networks="
        + networks + "}";
  }
}
