package io.jenkins.plugins.esperanto.engine.run;

import com.github.dockerjava.api.command.CreateContainerCmd;
import com.github.dockerjava.api.model.Device;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.MountType;
import com.github.dockerjava.api.model.VolumesFrom;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Translates a {@link SessionSpec} and a {@link ContainerShape} into the Engine API's create
 * request: numeric user, supplementary and extra groups, environment with {@code HOME}, bind
 * mounts, devices, ownership labels, and for a read-only root the bind-mounted account files
 * and a tmpfs home owned by the user.
 */
final class ContainerConfig {
  private final SessionSpec spec;
  private final ContainerShape shape;

  ContainerConfig(SessionSpec spec, ContainerShape shape) {
    this.spec = spec;
    this.shape = shape;
  }

  /**
   * Fills {@code cmd}. A non-null {@code roleOverride} makes a bare probe container (only
   * created, to read the image's files), labelled with that role.
   */
  CreateContainerCmd apply(CreateContainerCmd cmd, String home, Optional<Path> accountsDir,
      String roleOverride) {
    boolean probe = roleOverride != null;
    Map<String, String> labels = new LinkedHashMap<>(spec.labels());
    labels.putAll(OwnerProcess.current().labels(probe ? roleOverride : shape.role(), spec.imageReference()));
    accountsDir.ifPresent(dir -> labels.put(ContainerLabels.ACCOUNTS_DIR, dir.toString()));

    cmd.withLabels(labels)
        .withUser(spec.user().numericUser())
        .withEnv(env(home))
        .withHostConfig(hostConfig(home, accountsDir, probe));
    if (!probe) {
      shape.entrypoint().ifPresent(cmd::withEntrypoint);
      if (!shape.args().isEmpty()) {
        cmd.withCmd(shape.args());
      }
      spec.workdir().ifPresent(cmd::withWorkingDir);
      cmd.withTty(shape.tty())
          .withStdinOpen(shape.stdin())
          .withStdInOnce(shape.stdinOnce())
          .withAttachStdin(shape.stdin())
          .withAttachStdout(true)
          .withAttachStderr(true);
    }
    return cmd;
  }

  private List<String> env(String home) {
    List<String> env = new ArrayList<>();
    spec.env().forEach((k, v) -> env.add(k + "=" + v));
    if (!spec.env().containsKey("HOME")) {
      env.add("HOME=" + home);
    }
    return env;
  }

  private HostConfig hostConfig(String home, Optional<Path> accountsDir, boolean probe) {
    HostConfig host = HostConfig.newHostConfig();
    if (probe) {
      return host;
    }
    List<com.github.dockerjava.api.model.Mount> mounts = new ArrayList<>();
    for (Mount m : spec.mounts()) {
      mounts.add(bind(m.source(), m.target(), m.readOnly())
          .withType(m.kind() == Mount.Kind.VOLUME ? MountType.VOLUME : MountType.BIND));
    }
    accountsDir.ifPresent(
        dir -> {
          mounts.add(bind(dir.resolve("passwd").toString(), "/etc/passwd", true));
          mounts.add(bind(dir.resolve("group").toString(), "/etc/group", true));
          if (!spec.env().containsKey("HOME")) {
            host.withTmpFs(Map.of(home, "exec,mode=0755,uid=" + spec.user().uid() + ",gid=" + spec.user().gid()));
          }
        });
    host.withMounts(mounts)
        .withGroupAdd(groups())
        .withInit(shape.init())
        .withReadonlyRootfs(spec.readOnlyRoot());
    if (!spec.volumesFrom().isEmpty()) {
      host.withVolumesFrom(spec.volumesFrom().stream().map(VolumesFrom::new).toList());
    }
    if (!spec.devices().isEmpty()) {
      host.withDevices(
          spec.devices().stream()
              .map(d -> new Device(d.permissions(), d.containerPath(), d.hostPath()))
              .toList());
    }
    spec.shmSize().ifPresent(host::withShmSize);
    spec.network().ifPresent(host::withNetworkMode);
    return host;
  }

  private static com.github.dockerjava.api.model.Mount bind(String source, String target, boolean readOnly) {
    return new com.github.dockerjava.api.model.Mount()
        .withType(MountType.BIND)
        .withSource(source)
        .withTarget(target)
        .withReadOnly(readOnly);
  }

  private List<String> groups() {
    Set<String> groups = new LinkedHashSet<>();
    for (int gid : spec.user().groups()) {
      if (gid != spec.user().gid()) {
        groups.add(Integer.toString(gid));
      }
    }
    groups.addAll(spec.extraGroups());
    return new ArrayList<>(groups);
  }
}
