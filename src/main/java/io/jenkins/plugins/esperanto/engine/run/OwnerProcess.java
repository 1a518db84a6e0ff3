package io.jenkins.plugins.esperanto.engine.run;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The process that owns a container, identified well enough to notice when it is gone: pid,
 * start time (so a reused pid is not mistaken for the owner), PID namespace (a pid only means
 * something inside its namespace), boot id (one per kernel and boot) and machine id (to tell a
 * reboot of this machine from another machine). The host name is recorded for people only: two
 * hosts, or an agent container sharing the host's UTS namespace, may carry the same one.
 */
final class OwnerProcess {
  private final long pid;
  private final String host;
  private final String startTicks;
  private final String bootId;
  private final String machineId;
  private final String pidNamespace;

  private OwnerProcess(long pid, String host, String startTicks, String bootId, String machineId,
      String pidNamespace) {
    this.pid = pid;
    this.host = host;
    this.startTicks = startTicks;
    this.bootId = bootId;
    this.machineId = machineId;
    this.pidNamespace = pidNamespace;
  }

  /** This JVM. */
  static OwnerProcess current() {
    long pid = ProcessHandle.current().pid();
    return new OwnerProcess(pid, hostName(), startTicks(pid).orElse(""), bootId(), machineId(),
        pidNamespace());
  }

  /** The ownership labels for a container created now from {@code imageReference}. */
  Map<String, String> labels(String role, String imageReference) {
    Map<String, String> labels = new LinkedHashMap<>();
    labels.put(ContainerLabels.ROLE, role);
    labels.put(ContainerLabels.OWNER_PID, Long.toString(pid));
    labels.put(ContainerLabels.OWNER_HOST, host);
    labels.put(ContainerLabels.OWNER_START, startTicks);
    labels.put(ContainerLabels.OWNER_BOOT, bootId);
    labels.put(ContainerLabels.OWNER_MACHINE, machineId);
    labels.put(ContainerLabels.OWNER_PIDNS, pidNamespace);
    labels.put(ContainerLabels.IMAGE, imageReference);
    labels.put(ContainerLabels.STARTED, Instant.now().toString());
    return labels;
  }

  String host() {
    return host;
  }

  /** Whether the owner named by a container's labels is certainly gone, seen from here. */
  boolean ownerIsGone(Map<String, String> labels) {
    return judge(labels).gone();
  }

  /**
   * What can be told, from this process, about the owner a container's labels name. Only a
   * certainty makes it gone: an owner on another machine or in another PID namespace, or one
   * recorded without the labels needed to tell, is kept, whatever the container's state.
   */
  Verdict judge(Map<String, String> labels) {
    long ownerPid;
    try {
      ownerPid = Long.parseLong(labels.getOrDefault(ContainerLabels.OWNER_PID, ""));
    } catch (NumberFormatException e) {
      return Verdict.kept("no owner pid");
    }
    String ownerBoot = labels.getOrDefault(ContainerLabels.OWNER_BOOT, "");
    if (ownerBoot.isEmpty() || bootId.isEmpty()) {
      return Verdict.kept("owner cannot be judged: no boot id recorded or readable");
    }
    if (!ownerBoot.equals(bootId)) {
      // Another kernel: this machine rebooted, or another machine uses the daemon.
      String ownerMachine = labels.getOrDefault(ContainerLabels.OWNER_MACHINE, "");
      if (ownerMachine.isEmpty() || machineId.isEmpty()) {
        return Verdict.kept("owner cannot be judged: other boot and no machine id recorded or readable");
      }
      return ownerMachine.equals(machineId)
          ? Verdict.gone("this machine rebooted since")
          : Verdict.kept("owner on another machine (" + ownerMachine + ")");
    }
    // The same kernel: the pid means something only in the owner's own PID namespace.
    String ownerNamespace = labels.getOrDefault(ContainerLabels.OWNER_PIDNS, "");
    if (ownerNamespace.isEmpty() || pidNamespace.isEmpty()) {
      return Verdict.kept("owner cannot be judged: no PID namespace recorded or readable");
    }
    if (!ownerNamespace.equals(pidNamespace)) {
      return Verdict.kept("owner in another PID namespace (" + ownerNamespace + ")");
    }
    Optional<String> actualStart = startTicks(ownerPid);
    if (actualStart.isEmpty()) {
      return Verdict.gone("owner pid " + ownerPid + " not running");
    }
    String ownerStart = labels.getOrDefault(ContainerLabels.OWNER_START, "");
    if (!ownerStart.isEmpty() && !ownerStart.equals(actualStart.get())) {
      return Verdict.gone("owner pid " + ownerPid + " reused by another process");
    }
    return Verdict.kept("owner pid " + ownerPid + " alive");
  }

  /**
   * Whether a container's owner is gone, and why (shown by {@code gc}).
   *
   * @param gone true only when the owner is certainly gone
   * @param reason a short phrase
   */
  record Verdict(boolean gone, String reason) {
    static Verdict gone(String reason) {
      return new Verdict(true, reason);
    }

    static Verdict kept(String reason) {
      return new Verdict(false, reason);
    }
  }

  /** Field 22 of /proc/PID/stat; the command name before it may contain spaces and ')'. */
  static Optional<String> startTicks(long pid) {
    try {
      String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"), StandardCharsets.UTF_8);
      String[] fields = stat.substring(stat.lastIndexOf(')') + 2).trim().split(" ");
      // fields[0] is field 3 (state), so field 22 is fields[19].
      return fields.length > 19 ? Optional.of(fields[19]) : Optional.empty();
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }

  private static String hostName() {
    return readTrimmed("/proc/sys/kernel/hostname")
        .or(() -> Optional.ofNullable(System.getenv("HOSTNAME")))
        .orElse("unknown-host");
  }

  private static String bootId() {
    return readTrimmed("/proc/sys/kernel/random/boot_id").orElse("");
  }

  /** See machine-id(5); the D-Bus copy is where older systems and some images keep it. */
  private static String machineId() {
    return readTrimmed("/etc/machine-id").or(() -> readTrimmed("/var/lib/dbus/machine-id")).orElse("");
  }

  private static String pidNamespace() {
    try {
      return Files.readSymbolicLink(Path.of("/proc/self/ns/pid")).toString();
    } catch (IOException | UnsupportedOperationException e) {
      return "";
    }
  }

  private static Optional<String> readTrimmed(String file) {
    try {
      String value = Files.readString(Path.of(file), StandardCharsets.UTF_8).trim();
      return value.isEmpty() ? Optional.empty() : Optional.of(value);
    } catch (IOException e) {
      return Optional.empty();
    }
  }
}
