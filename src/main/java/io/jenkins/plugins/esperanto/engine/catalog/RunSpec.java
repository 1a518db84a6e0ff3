package io.jenkins.plugins.esperanto.engine.catalog;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The {@code run:} section of {@code image.yaml}: how a container of the image is started. */
public final class RunSpec {
  private final Map<String, String> env;
  private final List<String> volumes;
  private final List<String> devices;
  private final Long shmSizeBytes;
  private final String network;
  private final List<String> groups;
  private final String workdir;
  private final List<String> entrypointArgs;
  private final boolean readOnlyRoot;

  private RunSpec(Builder b) {
    this.env = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(b.env));
    this.volumes = List.copyOf(b.volumes);
    this.devices = List.copyOf(b.devices);
    this.shmSizeBytes = b.shmSizeBytes;
    this.network = b.network;
    this.groups = List.copyOf(b.groups);
    this.workdir = b.workdir;
    this.entrypointArgs = List.copyOf(b.entrypointArgs);
    this.readOnlyRoot = b.readOnlyRoot;
  }

  static Builder builder() {
    return new Builder();
  }

  /** Environment variables, in the order written. */
  public Map<String, String> env() {
    return env;
  }

  /** Volumes as {@code host:container[:ro|rw]}; the host side may start with {@code ~/}. */
  public List<String> volumes() {
    return volumes;
  }

  /** Devices as {@code host[:container[:perms]]}. */
  public List<String> devices() {
    return devices;
  }

  public Optional<Long> shmSizeBytes() {
    return Optional.ofNullable(shmSizeBytes);
  }

  public Optional<String> network() {
    return Optional.ofNullable(network);
  }

  /** Extra groups (names or numeric ids) the caller's user joins inside the container. */
  public List<String> groups() {
    return groups;
  }

  /** Working directory; the workspace when absent. */
  public Optional<String> workdir() {
    return Optional.ofNullable(workdir);
  }

  /** Arguments put before the command, handed to the image's entrypoint. */
  public List<String> entrypointArgs() {
    return entrypointArgs;
  }

  public boolean readOnlyRoot() {
    return readOnlyRoot;
  }

  static final class Builder {
    private Map<String, String> env = Map.of();
    private List<String> volumes = List.of();
    private List<String> devices = List.of();
    private Long shmSizeBytes;
    private String network;
    private List<String> groups = List.of();
    private String workdir;
    private List<String> entrypointArgs = List.of();
    private boolean readOnlyRoot;

    Builder env(Map<String, String> value) {
      env = value;
      return this;
    }

    Builder volumes(List<String> value) {
      volumes = value;
      return this;
    }

    Builder devices(List<String> value) {
      devices = value;
      return this;
    }

    Builder shmSizeBytes(Long value) {
      shmSizeBytes = value;
      return this;
    }

    Builder network(String value) {
      network = value;
      return this;
    }

    Builder groups(List<String> value) {
      groups = value;
      return this;
    }

    Builder workdir(String value) {
      workdir = value;
      return this;
    }

    Builder entrypointArgs(List<String> value) {
      entrypointArgs = value;
      return this;
    }

    Builder readOnlyRoot(boolean value) {
      readOnlyRoot = value;
      return this;
    }

    RunSpec build() {
      return new RunSpec(this);
    }
  }
}
