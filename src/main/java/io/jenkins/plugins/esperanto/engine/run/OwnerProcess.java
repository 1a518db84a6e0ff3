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
 * host name, start time (so a reused pid is not mistaken for the owner) and boot id.
 */
final class OwnerProcess {
  private final long pid;
  private final String host;
  private final String startTicks;
  private final String bootId;

  private OwnerProcess(long pid, String host, String startTicks, String bootId) {
    this.pid = pid;
    this.host = host;
    this.startTicks = startTicks;
    this.bootId = bootId;
  }

  /** This JVM. */
  static OwnerProcess current() {
    long pid = ProcessHandle.current().pid();
    return new OwnerProcess(pid, hostName(), startTicks(pid).orElse(""), bootId());
  }

  /** The ownership labels for a container created now from {@code imageReference}. */
  Map<String, String> labels(String role, String imageReference) {
    Map<String, String> labels = new LinkedHashMap<>();
    labels.put(ContainerLabels.ROLE, role);
    labels.put(ContainerLabels.OWNER_PID, Long.toString(pid));
    labels.put(ContainerLabels.OWNER_HOST, host);
    labels.put(ContainerLabels.OWNER_START, startTicks);
    labels.put(ContainerLabels.OWNER_BOOT, bootId);
    labels.put(ContainerLabels.IMAGE, imageReference);
    labels.put(ContainerLabels.STARTED, Instant.now().toString());
    return labels;
  }

  String host() {
    return host;
  }

  /**
   * Whether the owner named by a container's labels is certainly gone, seen from this host.
   * Containers of other hosts are never judged (their owner may well be alive there).
   */
  boolean ownerIsGone(Map<String, String> labels) {
    if (!host.equals(labels.get(ContainerLabels.OWNER_HOST))) {
      return false;
    }
    long ownerPid;
    try {
      ownerPid = Long.parseLong(labels.getOrDefault(ContainerLabels.OWNER_PID, ""));
    } catch (NumberFormatException e) {
      return false;
    }
    String ownerBoot = labels.getOrDefault(ContainerLabels.OWNER_BOOT, "");
    if (!ownerBoot.isEmpty() && !bootId.isEmpty() && !ownerBoot.equals(bootId)) {
      return true;
    }
    Optional<String> actualStart = startTicks(ownerPid);
    if (actualStart.isEmpty()) {
      return true;
    }
    String ownerStart = labels.getOrDefault(ContainerLabels.OWNER_START, "");
    return !ownerStart.isEmpty() && !ownerStart.equals(actualStart.get());
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

  private static Optional<String> readTrimmed(String file) {
    try {
      String value = Files.readString(Path.of(file), StandardCharsets.UTF_8).trim();
      return value.isEmpty() ? Optional.empty() : Optional.of(value);
    } catch (IOException e) {
      return Optional.empty();
    }
  }
}
