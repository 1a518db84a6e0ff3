package io.jenkins.plugins.esperanto.engine.run;

import com.github.dockerjava.api.DockerClient;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.Callable;

/**
 * Kills (SIGKILL) every process of a container whose environment holds {@code name=value}:
 * how Jenkins stops a step's processes by their cookie.
 *
 * <p>It needs no {@code ps} in the image: a POSIX shell script, run by exec as the container's
 * user (root in a container lacks {@code CAP_SYS_PTRACE} and may not read the environment of
 * another uid's processes; the same uid may, and may kill them), scans {@code /proc/[0-9]*}/environ itself with shell builtins only ({@code read},
 * {@code case}, {@code kill}). Where the shell's {@code read} supports {@code -d ''} (bash,
 * busybox ash, mksh) entries are compared exactly; otherwise (dash drops NUL bytes) the
 * entry is searched in the concatenated environment, which is exact for fixed-length cookies.
 * PID 1, the script itself and the session's keep-alive shell, known by its pid (never by
 * its command line, which any process can imitate), are never killed. The entry is
 * passed in the exec's environment, never on a command line. Up to three passes catch
 * processes forked while the first pass ran.
 */
final class KillProcessesStep implements Callable<Integer> {
  static final String ENTRY_VARIABLE = "ESPERANTO_KILL_ENTRY";
  static final String SPARE_VARIABLE = "ESPERANTO_KILL_SPARE";

  static final String SCRIPT =
      "entry=\"$" + ENTRY_VARIABLE + "\"; spare=\"${" + SPARE_VARIABLE + ":-1}\"; unset " + ENTRY_VARIABLE
          + " " + SPARE_VARIABLE + "\n"
          + "exact=; if (printf 'a\\0b\\0' | { IFS= read -r -d '' x && [ \"$x\" = a ]; }) 2>/dev/null;"
          + " then exact=1; fi\n"
          + "has_entry() {\n"
          + "  if [ -n \"$exact\" ]; then\n"
          + "    while IFS= read -r -d '' kv; do [ \"$kv\" = \"$entry\" ] && return 0; done; return 1\n"
          + "  fi\n"
          + "  all=; IFS= read -r all || :\n"
          + "  case \"$all\" in *\"$entry\"*) return 0;; esac; return 1\n"
          + "}\n"
          + "killed=0; done_pids=' '\n"
          + "for pass in 1 2 3; do\n"
          + "  found=0\n"
          + "  for d in /proc/[0-9]*; do\n"
          + "    p=${d#/proc/}\n"
          + "    case \"$p\" in 1|$$|\"$spare\") continue;; esac\n"
          + "    case \"$done_pids\" in *\" $p \"*) continue;; esac\n"
          + "    if has_entry 2>/dev/null <\"$d/environ\"; then\n"
          + "      kill -9 \"$p\" 2>/dev/null && { found=$((found+1)); killed=$((killed+1));"
          + " done_pids=\"$done_pids$p \"; }\n"
          + "    fi\n"
          + "  done\n"
          + "  [ \"$found\" = 0 ] && break\n"
          + "done\n"
          + "echo \"$killed\"\n";

  private final DockerClient docker;
  private final String containerId;
  private final String name;
  private final String value;
  private final OptionalInt spare;

  /** @param spare the pid of the session's keep-alive, never killed */
  KillProcessesStep(DockerClient docker, String containerId, String name, String value, OptionalInt spare) {
    ExecRequest.checkVariable(name, value);
    this.docker = docker;
    this.containerId = containerId;
    this.name = name;
    this.value = value;
    this.spare = spare;
  }

  /** Returns how many processes were killed. */
  @Override
  public Integer call() throws ContainerRunException, InterruptedException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    ExecRequest request =
        ExecRequest.of(List.of("/bin/sh", "-c", SCRIPT))
            .withEnv(Map.of(ENTRY_VARIABLE, name + "=" + value))
            .withEnv(spare.isPresent() ? Map.of(SPARE_VARIABLE, Integer.toString(spare.getAsInt())) : Map.of())
            .withWorkdir("/");
    int code = new ExecCommandStep(docker, containerId, request, null, out, err).call();
    String printed = out.toString(StandardCharsets.UTF_8).trim();
    if (code != 0 || !printed.matches("\\d+")) {
      throw new ContainerRunException(
          "Tried to kill the processes of " + name + " in container " + containerId
              + " but the kill script failed (exit " + code + "): "
              + err.toString(StandardCharsets.UTF_8).replace('\n', ' ').trim()
              + "; the image needs /bin/sh",
          null, containerId);
    }
    return Integer.parseInt(printed);
  }
}
