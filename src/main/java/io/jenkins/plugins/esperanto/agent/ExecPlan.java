package io.jenkins.plugins.esperanto.agent;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What one launched command becomes inside the container: its argument list and the environment
 * variables to set for it.
 *
 * <p>Jenkins callers (durable-task's {@code sh}) hand a launcher the whole job environment with
 * every {@code $} doubled, because a local launch expands variables in both the environment and
 * the arguments ({@code Launcher.LocalLauncher}, {@code EnvVars.overrideExpandingAll}). We expand
 * in the same way, then keep only what differs from the agent's own environment: the agent's
 * {@code HOME}, {@code JAVA_HOME} and so on mean nothing inside the image. {@code PATH} gets
 * special care (JENKINS-43590): when the job's {@code PATH} is the agent's with entries put in
 * front (what {@code withEnv(['PATH+X=/opt/bin'])} does), those entries are put in front of the
 * image's own {@code PATH}; an unchanged {@code PATH} leaves the image's alone; any other value
 * is used as given.
 */
final class ExecPlan {
  static final String DEFAULT_IMAGE_PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";
  private static final Pattern VARIABLE = Pattern.compile("\\$([A-Za-z0-9_]+|\\{[A-Za-z0-9_.]+\\}|\\$)");

  private final List<String> command;
  private final Map<String, String> env;

  private ExecPlan(List<String> command, Map<String, String> env) {
    this.command = List.copyOf(command);
    this.env = Collections.unmodifiableMap(new LinkedHashMap<>(env));
  }

  /**
   * Plans a launch.
   *
   * @param agentEnv the agent process's own environment
   * @param launchEnv the launcher's {@code KEY=VALUE} entries, in the order given
   * @param command the arguments as given to the launcher
   * @param imagePath the {@code PATH} the image sets, if it sets one
   */
  static ExecPlan of(Map<String, String> agentEnv, List<String> launchEnv, List<String> command, Optional<String> imagePath) {
    Map<String, String> merged = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    merged.putAll(agentEnv);
    for (String entry : launchEnv) {
      int eq = entry.indexOf('=');
      if (eq <= 0) {
        throw new IllegalArgumentException("Environment entry without a name: " + entry);
      }
      override(merged, entry.substring(0, eq), expand(entry.substring(eq + 1), merged));
    }
    List<String> expanded = new ArrayList<>();
    for (String arg : command) {
      expanded.add(expand(arg, merged));
    }
    Map<String, String> env = new TreeMap<>();
    for (Map.Entry<String, String> e : merged.entrySet()) {
      if (e.getKey().equals("PATH")) {
        continue;
      }
      if (!Objects.equals(agentEnv.get(e.getKey()), e.getValue())) {
        env.put(e.getKey(), e.getValue());
      }
    }
    containerPath(agentEnv.get("PATH"), merged.get("PATH"), imagePath).ifPresent(p -> env.put("PATH", p));
    return new ExecPlan(expanded, env);
  }

  /** The arguments, with variables expanded as a local launch would. */
  List<String> command() {
    return command;
  }

  /** The variables to set in the container for this command, sorted by name. */
  Map<String, String> env() {
    return env;
  }

  static Optional<String> containerPath(String agentPath, String jobPath, Optional<String> imagePath) {
    if (jobPath == null || jobPath.equals(agentPath)) {
      return Optional.empty();
    }
    String base = imagePath.orElse(DEFAULT_IMAGE_PATH);
    if (agentPath != null && !agentPath.isEmpty() && jobPath.endsWith(":" + agentPath)) {
      String prefix = jobPath.substring(0, jobPath.length() - agentPath.length() - 1);
      return Optional.of(prefix + ":" + base);
    }
    return Optional.of(jobPath);
  }

  /** As {@code EnvVars.override}: empty removes, {@code KEY+SUFFIX} prepends to {@code KEY}. */
  private static void override(Map<String, String> env, String key, String value) {
    if (value == null || value.isEmpty()) {
      env.remove(key);
      return;
    }
    int plus = key.indexOf('+');
    if (plus > 0) {
      String realKey = key.substring(0, plus);
      String current = env.get(realKey);
      env.put(realKey, current == null ? value : value + ":" + current);
      return;
    }
    env.put(key, value);
  }

  /** As {@code Util.replaceMacro}: {@code $$} is a dollar, unknown variables stay as written. */
  static String expand(String s, Map<String, String> env) {
    int idx = 0;
    while (true) {
      Matcher m = VARIABLE.matcher(s);
      if (!m.find(idx)) {
        return s;
      }
      String key = m.group().substring(1);
      String value;
      if (key.charAt(0) == '$') {
        value = "$";
      } else {
        if (key.charAt(0) == '{') {
          key = key.substring(1, key.length() - 1);
        }
        value = env.get(key);
      }
      if (value == null) {
        idx = m.end();
      } else {
        s = s.substring(0, m.start()) + value + s.substring(m.end());
        idx = m.start() + value.length();
      }
    }
  }
}
