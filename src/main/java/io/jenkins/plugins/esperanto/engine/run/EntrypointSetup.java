package io.jenkins.plugins.esperanto.engine.run;

import com.github.dockerjava.api.DockerClient;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the image's entrypoint set up for the processes it starts, as the session's keep-alive
 * inherited it: the environment and the umask. An exec bypasses the entrypoint, so every command
 * of a session gets this applied ({@link #applyTo}), the request's own variables winning.
 *
 * <p>The keep-alive announces itself with {@code <marker> <pid> <umask>} ({@code $$} and the
 * {@code umask} builtin: nothing outside the shell); its environment is read from
 * {@code /proc/<pid>/environ}, which holds exactly what the entrypoint exported when it handed
 * over (variables it set without exporting are not inherited by its children either). Only the
 * same uid may read that file, which is why it is read by an exec as the container's user.
 */
public final class EntrypointSetup {
  /** Variables a shell keeps for itself; the entrypoint's values would be wrong in a command. */
  private static final Set<String> SHELL_OWN = Set.of("PWD", "OLDPWD", "SHLVL", "_");
  private static final Pattern ANNOUNCEMENT = Pattern.compile("(\\d+) ([0-7]{3,4})");
  /** The umask of an exec when nothing changes it (runc's default). */
  static final String DEFAULT_UMASK = "0022";
  static final String READ_ENVIRON =
      "if command -v cat >/dev/null 2>&1; then exec cat \"/proc/$1/environ\"; fi\n"
          + "while IFS= read -r -d '' kv; do printf '%s\\0' \"$kv\"; done <\"/proc/$1/environ\"\n";

  private final int keepAlivePid;
  private final String umask;
  private final Map<String, String> env;

  private EntrypointSetup(int keepAlivePid, String umask, Map<String, String> env) {
    this.keepAlivePid = keepAlivePid;
    this.umask = umask;
    this.env = Collections.unmodifiableMap(new LinkedHashMap<>(env));
  }

  /** The keep-alive's pid and umask from the rest of its marker line, if it is well formed. */
  static Optional<int[]> parseAnnouncement(String rest) {
    Matcher m = ANNOUNCEMENT.matcher(rest.trim());
    if (!m.matches()) {
      return Optional.empty();
    }
    return Optional.of(new int[] {Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2), 8)});
  }

  /**
   * Reads the keep-alive's environment.
   *
   * @param announcement the rest of the marker line, {@code <pid> <umask>}
   * @throws ContainerRunException when the announcement is malformed or the environment cannot
   *     be read
   */
  static EntrypointSetup read(DockerClient docker, String containerId, String announcement)
      throws ContainerRunException, InterruptedException {
    int[] parsed = parseAnnouncement(announcement).orElseThrow(() -> new ContainerRunException(
        "Tried to read what the entrypoint of container " + containerId + " set up but its keep-alive"
            + " announced '" + announcement.trim() + "' instead of '<pid> <umask>'; the image's /bin/sh"
            + " is not a POSIX shell", null, containerId));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    ExecRequest request = ExecRequest.of(List.of("/bin/sh", "-c", READ_ENVIRON, "sh",
        Integer.toString(parsed[0]))).withWorkdir("/");
    int code = new ExecCommandStep(docker, containerId, request, null, out, err).call();
    if (code != 0) {
      throw new ContainerRunException("Tried to read the environment the entrypoint of container "
          + containerId + " set up but /proc/" + parsed[0] + "/environ could not be read (exit " + code
          + "): " + err.toString(StandardCharsets.UTF_8).replace('\n', ' ').trim(), null, containerId);
    }
    return new EntrypointSetup(parsed[0], String.format("%04o", parsed[1]), parseEnviron(out.toByteArray()));
  }

  /** {@code NAME=value} entries separated by NUL, as the kernel writes them; the shell's own left out. */
  static Map<String, String> parseEnviron(byte[] environ) {
    Map<String, String> env = new LinkedHashMap<>();
    for (String entry : new String(environ, StandardCharsets.UTF_8).split("\0")) {
      int eq = entry.indexOf('=');
      if (eq > 0 && !SHELL_OWN.contains(entry.substring(0, eq))) {
        env.put(entry.substring(0, eq), entry.substring(eq + 1));
      }
    }
    return env;
  }

  /** The keep-alive's pid in the container: the one process the kill script must never kill. */
  int keepAlivePid() {
    return keepAlivePid;
  }

  /** The umask, four octal digits. */
  public String umask() {
    return umask;
  }

  /** The environment the entrypoint exported. */
  public Map<String, String> env() {
    return env;
  }

  /**
   * {@code request} as the entrypoint would have started it: its environment under the
   * request's own, and, when the entrypoint changed it, its umask (set by {@code /bin/sh}, which
   * then execs the command, so the command is still the process that runs).
   */
  ExecRequest applyTo(ExecRequest request) {
    List<String> command = request.command();
    if (!umask.equals(DEFAULT_UMASK)) {
      command = new ArrayList<>(List.of("/bin/sh", "-c", "umask " + umask + " && exec \"$@\"", "sh"));
      command.addAll(request.command());
    }
    ExecRequest applied = ExecRequest.of(command).withEnv(env).withEnv(request.env());
    if (request.workdir().isPresent()) {
      applied = applied.withWorkdir(request.workdir().get());
    }
    if (request.user().isPresent()) {
      applied = applied.withUser(request.user().get());
    }
    return applied;
  }
}
