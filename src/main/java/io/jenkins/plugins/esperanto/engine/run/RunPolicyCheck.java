package io.jenkins.plugins.esperanto.engine.run;

import io.jenkins.plugins.esperanto.engine.api.EsperantoException;
import io.jenkins.plugins.esperanto.engine.api.Printable;
import io.jenkins.plugins.esperanto.engine.catalog.RunSpec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Holds the {@code run:} section of one {@code image.yaml} against a {@link RunPolicy}. Paths are
 * compared after resolving {@code ~}, {@code ..} and symbolic links (of the part that exists),
 * so that {@code ~/../..} or a link in the workspace cannot reach out; the mount then uses the
 * resolved path.
 */
final class RunPolicyCheck {
  /** One widening setting, as each front end names it. */
  enum Setting {
    HOST_PATHS("run.volumes", "Allowed host paths", "allowedHostPaths", "--allow-host-path"),
    DEVICES("run.devices", "Allowed devices", "allowedDevices", "--allow-device"),
    GROUPS("run.groups", "Allowed groups", "allowedGroups", "--allow-group"),
    NETWORKS("run.network", "Allowed networks", "allowedNetworks", "--allow-network");

    final String key;
    final String title;
    final String field;
    final String flag;

    Setting(String key, String title, String field, String flag) {
      this.key = key;
      this.title = title;
      this.field = field;
      this.flag = flag;
    }
  }

  /** A volume of {@code image.yaml} with its source resolved. */
  record CheckedVolume(Path source, String target, boolean readOnly, boolean create) {}

  private final RunPolicy policy;
  private final String specFile;
  private final List<Path> ownRoots;
  private final Optional<Path> hostHome;
  private final boolean callerSeesHostPaths;

  /**
   * @param specFile the {@code image.yaml} as messages name it
   * @param workspace the caller's workspace (absolute)
   * @param hostHome the caller's home, for {@code ~/}; without one, only the workspace is own
   */
  RunPolicyCheck(RunPolicy policy, String specFile, Path workspace, Optional<Path> hostHome) {
    this(policy, specFile, hostHome, true);
    List<Path> roots = new ArrayList<>(List.of(workspace));
    hostHome.ifPresent(roots::add);
    for (Path root : roots) {
      Path real = resolved(root);
      // A home of "/" (service accounts) would make the whole host "home".
      if (real.getNameCount() > 0) {
        ownRoots.add(real);
      }
    }
  }

  private RunPolicyCheck(RunPolicy policy, String specFile, Optional<Path> hostHome, boolean callerSeesHostPaths) {
    this.policy = policy;
    this.specFile = specFile;
    this.hostHome = hostHome;
    this.callerSeesHostPaths = callerSeesHostPaths;
    this.ownRoots = new ArrayList<>();
  }

  /**
   * The check for a caller running in a container on the daemon: a bind source names a path of
   * the daemon's host, which the caller's workspace and home are not (the same path on the host
   * may be anyone's), and which the caller cannot see to resolve links in or to create. Only
   * sources the policy allows pass, compared as written ({@code ..} removed).
   */
  static RunPolicyCheck ofCallerInContainer(RunPolicy policy, String specFile, Optional<Path> hostHome) {
    return new RunPolicyCheck(policy, specFile, hostHome, false);
  }

  /** Checks every key of {@code run}; creates nothing. */
  List<CheckedVolume> check(RunSpec run) throws EsperantoException {
    List<CheckedVolume> volumes = new ArrayList<>();
    for (String volume : run.volumes()) {
      volumes.add(volume(volume));
    }
    for (String device : run.devices()) {
      device(device);
    }
    Set<String> privilegedGids = privilegedGids();
    for (String group : run.groups()) {
      boolean privileged = RunPolicy.PRIVILEGED_GROUPS.contains(group) || privilegedGids.contains(group);
      if (privileged && !policy.allowsGroup(group)) {
        throw refused(Setting.GROUPS, group, "is a privileged group");
      }
    }
    if (run.network().isPresent()) {
      String network = run.network().get();
      if ((network.equals("host") || network.startsWith("container:")) && !policy.allowsNetwork(network)) {
        throw refused(Setting.NETWORKS, network, "shares the network of the host or of another container");
      }
    }
    return volumes;
  }

  private CheckedVolume volume(String volume) throws EsperantoException {
    String[] parts = SessionSpecFactory.volumeParts(volume, specFile + ": run.volumes");
    String source = SessionSpecFactory.homeExpanded(parts[0], hostHome, specFile + ": run.volumes");
    boolean readOnly = parts.length == 3 && parts[2].equals("ro");
    if (!callerSeesHostPaths) {
      Path host = Path.of(source).toAbsolutePath().normalize();
      if (!policy.hostPaths().contains(RunPolicy.ANY)
          && policy.hostPaths().stream().map(p -> Path.of(p).toAbsolutePath().normalize()).noneMatch(host::startsWith)) {
        throw refused(Setting.HOST_PATHS, parts[0], "is a path on the Docker daemon's host, and the workspace is"
            + " shared from a container, whose workspace and home are not host paths");
      }
      // Not created: Docker refuses a missing bind source of a mount, and creates nothing.
      return new CheckedVolume(host, parts[1], readOnly, false);
    }
    Path real;
    try {
      real = resolvedStrictly(Path.of(source));
    } catch (IOException e) {
      throw new RunPolicyException(specFile + ": run.volumes '" + Printable.of(parts[0])
          + "' cannot be resolved (a dangling or looping link?): " + Printable.of(String.valueOf(e.getMessage())));
    }
    boolean own = ownRoots.stream().anyMatch(real::startsWith);
    boolean allowed = own || policy.hostPaths().contains(RunPolicy.ANY)
        || policy.hostPaths().stream().map(p -> resolved(Path.of(p))).anyMatch(real::startsWith);
    if (!allowed) {
      throw refused(Setting.HOST_PATHS, parts[0],
          "is outside the workspace and home" + (real.toString().equals(parts[0]) ? "" : " (it is " + real + ")"));
    }
    boolean exists = Files.exists(real);
    if (!exists && !own) {
      // Docker would create it as root; only the caller's own folders are created, by the caller.
      throw new RunPolicyException(specFile + ": run.volumes '" + Printable.of(parts[0])
          + "' does not exist; only folders in the workspace or home are created, create it on the host");
    }
    return new CheckedVolume(real, parts[1], readOnly, !exists);
  }

  private void device(String device) throws RunPolicyException {
    String host = device.split(":", -1)[0];
    if (policy.devices().contains(RunPolicy.ANY)) {
      return;
    }
    Path real = resolved(Path.of(host));
    if (policy.devices().stream().noneMatch(d -> resolved(Path.of(d)).equals(real))) {
      throw refused(Setting.DEVICES, host, "is a host device, refused by default");
    }
  }

  private RunPolicyException refused(Setting setting, String value, String why) {
    return new RunPolicyException(specFile + ": " + setting.key + " '" + Printable.of(value) + "' " + why
        + "; an administrator allows it with '" + setting.title + "' (esperanto: " + setting.field
        + "), the CLI with " + setting.flag + " or " + setting.field + " in policy.yaml");
  }

  /** {@link #resolvedStrictly}, or the normal path when a link cannot be followed. */
  static Path resolved(Path path) {
    try {
      return resolvedStrictly(path);
    } catch (IOException e) {
      return path.toAbsolutePath().normalize();
    }
  }

  /**
   * {@code path} made absolute and normal, with the symbolic links of its longest existing
   * prefix resolved (the rest does not exist, so holds no link yet).
   *
   * @throws IOException when a link in it dangles or loops
   */
  static Path resolvedStrictly(Path path) throws IOException {
    Path normal = path.toAbsolutePath().normalize();
    Path existing = normal;
    while (existing != null && !Files.exists(existing, LinkOption.NOFOLLOW_LINKS)) {
      existing = existing.getParent();
    }
    if (existing == null) {
      return normal;
    }
    return existing.toRealPath().resolve(existing.relativize(normal)).normalize();
  }

  /** gid 0 and the host's gids of the privileged group names, as text. */
  private static Set<String> privilegedGids() {
    Set<String> gids = new HashSet<>(Set.of("0"));
    try {
      for (String line : Files.readAllLines(Path.of("/etc/group"), StandardCharsets.UTF_8)) {
        String[] fields = line.split(":", -1);
        if (fields.length > 2 && RunPolicy.PRIVILEGED_GROUPS.contains(fields[0])) {
          gids.add(fields[2]);
        }
      }
    } catch (IOException | RuntimeException e) {
      // no readable group file: gid 0 and the names are still refused
    }
    return gids;
  }
}
