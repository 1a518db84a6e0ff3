package io.jenkins.plugins.esperanto.engine.catalog;

import io.jenkins.plugins.esperanto.engine.api.InvalidCatalogException;
import io.jenkins.plugins.esperanto.engine.api.Printable;
import io.jenkins.plugins.esperanto.engine.api.SquashMode;
import io.jenkins.plugins.esperanto.engine.key.CatalogFile;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;

/**
 * Reads and validates {@code image.yaml}. The schema is closed: an unknown key, a wrong type or
 * an impossible value is an {@link InvalidCatalogException} naming the file, line and key.
 * The schema is documented in {@code docs/images.md}; keep the two in step.
 */
public final class ImageSpecParser {
  private static final Set<String> TOP = Set.of("description", "build", "run", "commands");
  private static final Set<String> BUILD = Set.of("args", "target", "labels", "squash");
  private static final Set<String> RUN = Set.of(
      "env", "volumes", "devices", "shm_size", "network", "groups", "workdir", "entrypoint_args", "read_only");
  private static final Set<String> COMMAND = Set.of("description", "run");
  private static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
  private static final Pattern COMMAND_NAME = Pattern.compile("[a-z0-9][a-z0-9._-]*");
  private static final Pattern SIZE = Pattern.compile("([0-9]+)\\s*([kmg]?)b?", Pattern.CASE_INSENSITIVE);
  private static final Pattern VOLUME = Pattern.compile("[^:]+:/[^:]*(:(ro|rw))?");
  private static final Pattern LABEL_KEY = Pattern.compile("[a-zA-Z0-9][a-zA-Z0-9._/-]*");

  private ImageSpecParser() {}

  /** Parses {@code file}; a missing file is an empty spec (all defaults). */
  public static ImageSpec parse(Path file) throws InvalidCatalogException {
    String text;
    try {
      text = new String(CatalogFile.read(file), StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      return ImageSpec.of(Optional.empty(), BuildSpec.defaults(), RunSpec.builder().build(), Map.of());
    } catch (IOException e) {
      throw new InvalidCatalogException(file, 0, "cannot be read: " + e.getMessage());
    }
    return parse(file, text);
  }

  /** Parses {@code text}, reporting errors against {@code file}. */
  public static ImageSpec parse(Path file, String text) throws InvalidCatalogException {
    Optional<Node> root = compose(file, text);
    if (root.isEmpty()) {
      return ImageSpec.of(Optional.empty(), BuildSpec.defaults(), RunSpec.builder().build(), Map.of());
    }
    YamlSection top = YamlSection.of(file, "", root.get(), TOP);
    BuildSpec build = top.section("build", BUILD).isPresent()
        ? build(top.section("build", BUILD).get())
        : BuildSpec.defaults();
    RunSpec run = top.section("run", RUN).isPresent()
        ? run(top.section("run", RUN).get())
        : RunSpec.builder().build();
    return ImageSpec.of(top.string("description"), build, run, commands(top));
  }

  private static Optional<Node> compose(Path file, String text) throws InvalidCatalogException {
    LoadSettings settings = LoadSettings.builder().setLabel(file.toString()).setAllowDuplicateKeys(false).build();
    try (Reader reader = new java.io.StringReader(text)) {
      return new Compose(settings).composeReader(reader);
    } catch (MarkedYamlEngineException e) {
      int line = e.getProblemMark().map(m -> m.getLine() + 1).orElse(0);
      throw new InvalidCatalogException(file, line, "malformed YAML: " + firstLine(e.getProblem()));
    } catch (YamlEngineException | IOException e) {
      throw new InvalidCatalogException(file, 0, "malformed YAML: " + firstLine(e.getMessage()));
    }
  }

  private static BuildSpec build(YamlSection build) throws InvalidCatalogException {
    Map<String, String> args = build.stringMap("args");
    for (String name : args.keySet()) {
      if (!ENV_NAME.matcher(name).matches()) {
        throw build.error(build.value("args").get(), "build arg name '" + Printable.of(name)
            + "' in 'build.args' must be letters, digits and '_', not starting with a digit");
      }
    }
    Map<String, String> labels = build.stringMap("labels");
    for (String key : labels.keySet()) {
      if (!LABEL_KEY.matcher(key).matches() || key.startsWith("io.esperanto.")) {
        throw build.error(build.value("labels").get(), "label '" + Printable.of(key)
            + "' in 'build.labels' must be a plain label key and may not use the reserved io.esperanto. prefix");
      }
    }
    Optional<String> squashText = build.string("squash");
    SquashMode squash = SquashMode.NONE;
    if (squashText.isPresent()) {
      squash = SquashMode.parse(squashText.get()).orElseThrow(() -> build.error(build.value("squash").get(),
          "'build.squash' must be one of none, own, all; got '" + Printable.of(squashText.get()) + "'"));
    }
    return BuildSpec.of(args, build.string("target"), labels, squash);
  }

  private static RunSpec run(YamlSection run) throws InvalidCatalogException {
    Map<String, String> env = run.stringMap("env");
    for (String name : env.keySet()) {
      if (!ENV_NAME.matcher(name).matches()) {
        throw run.error(run.value("env").get(), "environment variable name '" + Printable.of(name)
            + "' in 'run.env' must be letters, digits and '_', not starting with a digit");
      }
    }
    List<String> volumes = run.strings("volumes");
    for (String volume : volumes) {
      if (!VOLUME.matcher(volume).matches()) {
        throw run.error(run.value("volumes").get(), "volume '" + Printable.of(volume)
            + "' in 'run.volumes' must be HOST:/CONTAINER[:ro|:rw]");
      }
    }
    List<String> devices = run.strings("devices");
    for (String device : devices) {
      if (!device.startsWith("/")) {
        throw run.error(run.value("devices").get(), "device '" + Printable.of(device)
            + "' in 'run.devices' must be an absolute path, optionally :CONTAINER_PATH[:rwm]");
      }
    }
    Optional<String> workdir = run.string("workdir");
    if (workdir.isPresent() && !workdir.get().startsWith("/")) {
      throw run.error(run.value("workdir").get(), "'run.workdir' must be an absolute path; got '"
          + Printable.of(workdir.get()) + "'");
    }
    return RunSpec.builder()
        .env(env)
        .volumes(volumes)
        .devices(devices)
        .shmSizeBytes(shmSize(run).orElse(null))
        .network(run.string("network").orElse(null))
        .groups(run.strings("groups"))
        .workdir(workdir.orElse(null))
        .entrypointArgs(run.strings("entrypoint_args"))
        .readOnlyRoot(run.bool("read_only").orElse(false))
        .build();
  }

  private static Optional<Long> shmSize(YamlSection run) throws InvalidCatalogException {
    Optional<String> text = run.string("shm_size");
    if (text.isEmpty()) {
      return Optional.empty();
    }
    Matcher m = SIZE.matcher(text.get().trim());
    if (!m.matches()) {
      throw run.error(run.value("shm_size").get(), "'run.shm_size' must be a size such as 67108864, 64m or 1g; got '"
          + Printable.of(text.get()) + "'");
    }
    long shift = switch (m.group(2).toLowerCase(Locale.ROOT)) {
      case "k" -> 10;
      case "m" -> 20;
      case "g" -> 30;
      default -> 0;
    };
    try {
      long value = Math.multiplyExact(Long.parseLong(m.group(1)), 1L << shift);
      if (value <= 0) {
        throw run.error(run.value("shm_size").get(), "'run.shm_size' must be greater than zero");
      }
      return Optional.of(value);
    } catch (ArithmeticException | NumberFormatException e) {
      throw run.error(run.value("shm_size").get(), "'run.shm_size' is too large: '" + Printable.of(text.get()) + "'");
    }
  }

  private static Map<String, NamedCommand> commands(YamlSection top) throws InvalidCatalogException {
    Optional<Node> node = top.value("commands");
    if (node.isEmpty()) {
      return Map.of();
    }
    YamlSection commands = YamlSection.of(top.file(), "commands", node.get(), anyKey(node.get()));
    Map<String, NamedCommand> out = new LinkedHashMap<>();
    for (String name : commands.keys()) {
      Node value = commands.value(name).orElseThrow(() -> commands.error(node.get(),
          "'commands." + Printable.of(name) + "' has no command"));
      if (!COMMAND_NAME.matcher(name).matches()) {
        throw commands.error(value, "command name '" + Printable.of(name)
            + "' must be lower-case letters, digits, '.', '_' or '-'");
      }
      out.put(name, command(commands, name, value));
    }
    return out;
  }

  /** A string is a shell command line; a list is an argument vector; a mapping has both forms under {@code run}. */
  private static NamedCommand command(YamlSection commands, String name, Node value) throws InvalidCatalogException {
    if (value instanceof MappingNode) {
      YamlSection entry = YamlSection.of(commands.file(), "commands." + name, value, COMMAND);
      Node run = entry.value("run").orElseThrow(() -> entry.error(value, "'commands." + name + ".run' is required"));
      return NamedCommand.of(name, entry.string("description"), argv(entry, run, "commands." + name + ".run", name));
    }
    return NamedCommand.of(name, Optional.empty(), argv(commands, value, "commands." + name, name));
  }

  /**
   * A string runs with {@code sh -c}, the command's name as {@code $0}, so that arguments given
   * after the name on the command line become {@code $1}, {@code $2}, ...
   */
  private static List<String> argv(YamlSection section, Node node, String where, String name)
      throws InvalidCatalogException {
    List<String> argv = node instanceof ScalarNode
        ? List.of("sh", "-c", section.scalar(node, where), name)
        : section.stringList(node, where);
    if (argv.isEmpty() || argv.stream().allMatch(String::isBlank) || node instanceof ScalarNode && argv.get(2).isBlank()) {
      throw section.error(node, "'" + where + "' must not be empty");
    }
    return argv;
  }

  private static Set<String> anyKey(Node node) {
    Set<String> keys = new java.util.HashSet<>();
    if (node instanceof MappingNode) {
      for (NodeTuple tuple : ((MappingNode) node).getValue()) {
        if (tuple.getKeyNode() instanceof ScalarNode) {
          keys.add(((ScalarNode) tuple.getKeyNode()).getValue());
        }
      }
    }
    return keys;
  }

  private static String firstLine(String text) {
    if (text == null) {
      return "syntax error";
    }
    int nl = text.indexOf('\n');
    return nl < 0 ? text : text.substring(0, nl);
  }
}
