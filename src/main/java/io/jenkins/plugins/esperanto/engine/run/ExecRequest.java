package io.jenkins.plugins.esperanto.engine.run;

import java.io.Serializable;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One command to execute in a running {@link ContainerSession}: argv, extra environment,
 * working directory and, optionally, another user. The environment travels in the Engine API
 * request body, never on a command line.
 */
public final class ExecRequest implements Serializable {
  private static final long serialVersionUID = 1L;

  private final List<String> command;
  private final Map<String, String> env;
  private final String workdir;
  private final String user;

  private ExecRequest(List<String> command, Map<String, String> env, String workdir, String user) {
    if (command.isEmpty()) {
      throw new IllegalArgumentException("command must not be empty");
    }
    this.command = List.copyOf(command);
    this.env = Collections.unmodifiableMap(new LinkedHashMap<>(env));
    this.workdir = workdir;
    this.user = user;
  }

  /** Runs {@code command} with the container's environment, workdir and user. */
  public static ExecRequest of(List<String> command) {
    return new ExecRequest(command, Map.of(), null, null);
  }

  /** A copy whose environment adds (and overrides) {@code values}. */
  public ExecRequest withEnv(Map<String, String> values) {
    Map<String, String> merged = new LinkedHashMap<>(env);
    values.forEach(
        (k, v) -> {
          ExecRequest.checkVariable(k, v);
          merged.put(k, v);
        });
    return new ExecRequest(command, merged, workdir, user);
  }

  /** A copy that runs in {@code directory} (absolute, inside the container). */
  public ExecRequest withWorkdir(String directory) {
    return new ExecRequest(command, env, directory, user);
  }

  /** A copy that runs as {@code value} ({@code uid[:gid]} or a name known in the container). */
  public ExecRequest withUser(String value) {
    return new ExecRequest(command, env, workdir, value);
  }

  /** Rejects a name Docker would misread ({@code K=V} lists) or a missing value. */
  static void checkVariable(String name, String value) {
    if (name == null || name.isEmpty() || name.contains("=") || name.indexOf('\0') >= 0
        || value == null || value.indexOf('\0') >= 0) {
      throw new IllegalArgumentException("Invalid environment variable '" + name
          + "': expected a non-empty name without '=' and a value, neither containing NUL");
    }
  }

  /** The argv to execute; not interpreted by a shell unless it starts one. */
  public List<String> command() {
    return command;
  }

  /** Variables added to the container's environment for this command only. */
  public Map<String, String> env() {
    return env;
  }

  /** Working directory; empty means the container's. */
  public Optional<String> workdir() {
    return Optional.ofNullable(workdir);
  }

  /** User to run as; empty means the container's mapped user. */
  public Optional<String> user() {
    return Optional.ofNullable(user);
  }

  @Override
  public String toString() {
    // Values left out: they may be secrets.
    return "ExecRequest{command=" + command + ", env keys=" + env.keySet() + "}";
  }
}
