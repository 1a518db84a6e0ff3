package io.jenkins.plugins.esperanto.engine.run;

import java.io.Serializable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Everything needed to create a container of an image for a caller: the image, the user it
 * runs as, mounts, environment, devices and the other run options of {@code image.yaml}.
 *
 * <p>Immutable; built with {@link #builder(String, UserIdentity)}. Used both by {@link
 * ContainerSession} (a long-lived container for a pipeline block) and by {@link
 * RunContainerStep} (one command, {@code esperanto run}).
 */
public final class SessionSpec implements Serializable {
  private static final long serialVersionUID = 1L;
  static final Duration DEFAULT_START_TIMEOUT = Duration.ofSeconds(60);

  private final String imageReference;
  private final UserIdentity user;
  private final String workdir;
  private final List<Mount> mounts;
  private final List<String> volumesFrom;
  private final Map<String, String> env;
  private final List<DeviceMapping> devices;
  private final Long shmSize;
  private final String network;
  private final List<String> extraGroups;
  private final boolean readOnlyRoot;
  private final List<String> entrypointArgs;
  private final Map<String, String> labels;
  private final boolean tty;
  private final List<String> command;
  private final boolean keepAlive;
  private final Duration startTimeout;

  private SessionSpec(Builder b) {
    this.imageReference = b.imageReference;
    this.user = b.user;
    this.workdir = b.workdir;
    this.mounts = List.copyOf(b.mounts);
    this.volumesFrom = List.copyOf(b.volumesFrom);
    this.env = Collections.unmodifiableMap(new LinkedHashMap<>(b.env));
    this.devices = List.copyOf(b.devices);
    this.shmSize = b.shmSize;
    this.network = b.network;
    this.extraGroups = List.copyOf(b.extraGroups);
    this.readOnlyRoot = b.readOnlyRoot;
    this.entrypointArgs = List.copyOf(b.entrypointArgs);
    this.labels = Collections.unmodifiableMap(new LinkedHashMap<>(b.labels));
    this.tty = b.tty;
    this.command = List.copyOf(b.command);
    this.keepAlive = b.keepAlive;
    this.startTimeout = b.startTimeout;
  }

  /**
   * Starts a spec for a container of {@code imageReference} (as Docker names it, e.g. {@code
   * esperanto/toolchain:<key>} or an image ID) run as {@code user}.
   */
  public static Builder builder(String imageReference, UserIdentity user) {
    return new Builder(imageReference, user);
  }

  /** The image as given (a reference or an image ID); recorded in the container's labels. */
  public String imageReference() {
    return imageReference;
  }

  /** Who the container runs as. */
  public UserIdentity user() {
    return user;
  }

  /** The working directory in the container; empty means the image's. */
  public Optional<String> workdir() {
    return Optional.ofNullable(workdir);
  }

  /** Host folders and files mounted into the container, checked to exist before creation. */
  public List<Mount> mounts() {
    return mounts;
  }

  /** Containers whose volumes are mounted too ({@code --volumes-from}). */
  public List<String> volumesFrom() {
    return volumesFrom;
  }

  /** Environment of the container, in insertion order. */
  public Map<String, String> env() {
    return env;
  }

  /** Host devices passed through, checked to exist before creation. */
  public List<DeviceMapping> devices() {
    return devices;
  }

  /** Size of {@code /dev/shm} in bytes; empty means Docker's default. */
  public OptionalLong shmSize() {
    return shmSize == null ? OptionalLong.empty() : OptionalLong.of(shmSize);
  }

  /** Docker network mode ({@code bridge}, {@code host}, {@code none}, a network name). */
  public Optional<String> network() {
    return Optional.ofNullable(network);
  }

  /** Group names (resolved in the container's /etc/group) or gids added to the user. */
  public List<String> extraGroups() {
    return extraGroups;
  }

  /** Whether the root filesystem is read-only (accounts then bind-mounted, home a tmpfs). */
  public boolean readOnlyRoot() {
    return readOnlyRoot;
  }

  /** Arguments given to the image's entrypoint before the command (or the keep-alive). */
  public List<String> entrypointArgs() {
    return entrypointArgs;
  }

  /** Extra labels; the {@code io.esperanto.*} ownership labels are always added. */
  public Map<String, String> labels() {
    return labels;
  }

  /** Whether {@link RunContainerStep} allocates a terminal (interactive shell). */
  public boolean tty() {
    return tty;
  }

  /** The command given to the entrypoint; empty means the image's {@code CMD}. */
  public List<String> command() {
    return command;
  }

  /**
   * Whether a {@link ContainerSession} keeps the container alive with its own keep-alive
   * command (default) rather than running {@link #command()} as the main process.
   */
  public boolean keepAlive() {
    return keepAlive;
  }

  /** How long a session waits for the image's entrypoint to hand over to the keep-alive. */
  public Duration startTimeout() {
    return startTimeout;
  }

  /** A builder holding this spec's values, to derive a variant. */
  public Builder toBuilder() {
    Builder b = new Builder(imageReference, user);
    b.workdir = workdir;
    b.mounts.addAll(mounts);
    b.volumesFrom.addAll(volumesFrom);
    b.env.putAll(env);
    b.devices.addAll(devices);
    b.shmSize = shmSize;
    b.network = network;
    b.extraGroups.addAll(extraGroups);
    b.readOnlyRoot = readOnlyRoot;
    b.entrypointArgs.addAll(entrypointArgs);
    b.labels.putAll(labels);
    b.tty = tty;
    b.command.addAll(command);
    b.keepAlive = keepAlive;
    b.startTimeout = startTimeout;
    return b;
  }

  @Override
  public String toString() {
    // Environment values are left out on purpose: they may hold secrets.
    return "SessionSpec{image=" + imageReference + ", user=" + user + ", env keys=" + env.keySet()
        + ", mounts=" + mounts + ", command=" + command + "}";
  }

  /** Collects the options of a {@link SessionSpec}. Not thread-safe. */
  public static final class Builder {
    private final String imageReference;
    private final UserIdentity user;
    private String workdir;
    private final List<Mount> mounts = new ArrayList<>();
    private final List<String> volumesFrom = new ArrayList<>();
    private final Map<String, String> env = new LinkedHashMap<>();
    private final List<DeviceMapping> devices = new ArrayList<>();
    private Long shmSize;
    private String network;
    private final List<String> extraGroups = new ArrayList<>();
    private boolean readOnlyRoot;
    private final List<String> entrypointArgs = new ArrayList<>();
    private final Map<String, String> labels = new LinkedHashMap<>();
    private boolean tty;
    private final List<String> command = new ArrayList<>();
    private boolean keepAlive = true;
    private Duration startTimeout = DEFAULT_START_TIMEOUT;

    private Builder(String imageReference, UserIdentity user) {
      if (imageReference == null || imageReference.isBlank()) {
        throw new IllegalArgumentException("image reference must not be empty");
      }
      this.imageReference = imageReference;
      this.user = Objects.requireNonNull(user, "user");
    }

    /** Working directory in the container (absolute). */
    public Builder workdir(String value) {
      if (!value.startsWith("/")) {
        throw new IllegalArgumentException("workdir must be absolute: " + value);
      }
      this.workdir = value;
      return this;
    }

    /** Adds a bind mount. */
    public Builder mount(Mount value) {
      mounts.add(Objects.requireNonNull(value));
      return this;
    }

    /** Mounts the volumes of another container (a Jenkins agent running in a container). */
    public Builder volumesFrom(String containerId) {
      volumesFrom.add(Objects.requireNonNull(containerId));
      return this;
    }

    /** Adds (or replaces) environment variables; later calls win. */
    public Builder env(Map<String, String> values) {
      values.forEach(
          (k, v) -> {
            ExecRequest.checkVariable(k, v);
            env.put(k, v);
          });
      return this;
    }

    /** Adds a device, {@code hostPath[:containerPath[:perms]]}. */
    public Builder device(String value) {
      devices.add(DeviceMapping.parse(value));
      return this;
    }

    /** Size of {@code /dev/shm} in bytes. */
    public Builder shmSize(long bytes) {
      if (bytes <= 0) {
        throw new IllegalArgumentException("shm size must be positive: " + bytes);
      }
      this.shmSize = bytes;
      return this;
    }

    /** Docker network mode or network name. */
    public Builder network(String value) {
      this.network = Objects.requireNonNull(value);
      return this;
    }

    /** Group names or gids to add to the user inside the container. */
    public Builder extraGroups(List<String> values) {
      extraGroups.addAll(values);
      return this;
    }

    /** Makes the root filesystem read-only. */
    public Builder readOnlyRoot(boolean value) {
      this.readOnlyRoot = value;
      return this;
    }

    /** Adds arguments given to the entrypoint before the command. */
    public Builder entrypointArgs(List<String> values) {
      entrypointArgs.addAll(values);
      return this;
    }

    /** Adds labels; the {@code io.esperanto.*} ones are set by the engine and win. */
    public Builder labels(Map<String, String> values) {
      labels.putAll(values);
      return this;
    }

    /** Allocates a terminal (for {@link RunContainerStep}). */
    public Builder tty(boolean value) {
      this.tty = value;
      return this;
    }

    /** Replaces the command given to the entrypoint. */
    public Builder command(List<String> values) {
      command.clear();
      command.addAll(values);
      return this;
    }

    /** See {@link SessionSpec#keepAlive()}; default true. */
    public Builder keepAlive(boolean value) {
      this.keepAlive = value;
      return this;
    }

    /** How long a session waits for the entrypoint to hand over; default 60 s. */
    public Builder startTimeout(Duration value) {
      if (value.isNegative() || value.isZero()) {
        throw new IllegalArgumentException("start timeout must be positive: " + value);
      }
      this.startTimeout = value;
      return this;
    }

    /** The immutable spec. */
    public SessionSpec build() {
      return new SessionSpec(this);
    }
  }
}
