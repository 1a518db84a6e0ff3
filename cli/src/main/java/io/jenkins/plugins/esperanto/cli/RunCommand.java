package io.jenkins.plugins.esperanto.cli;

import io.jenkins.plugins.esperanto.engine.api.EsperantoException;
import io.jenkins.plugins.esperanto.engine.api.Printable;
import io.jenkins.plugins.esperanto.engine.catalog.Catalog;
import io.jenkins.plugins.esperanto.engine.catalog.NamedCommand;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code esperanto run <image> [--] cmd...} or {@code esperanto run <image> <named-command>}:
 * runs one command in a fresh container of the image, as the caller, in the current folder.
 * The command's exit code is the exit code.
 */
@Command(name = "run", description = {
    "Run a command in a container of an image, as you, in the current folder.",
    "After the image, either a command of image.yaml's 'commands:' or '--' and any command."})
final class RunCommand implements Callable<Integer> {
  @Spec CommandLine.Model.CommandSpec spec;
  @Mixin EngineOptions engine;
  @Mixin RunOptions options;
  @Mixin RegistryOptions registry;

  @Parameters(index = "0", paramLabel = "IMAGE", description = "Catalog image name.")
  String image;

  @Parameters(index = "1..*", paramLabel = "COMMAND", description = "Named command, or '--' and a command line.")
  List<String> command = new ArrayList<>();

  @Override
  public Integer call() throws Exception {
    Catalog catalog = engine.loadCatalog();
    return ContainerLaunch.launch(engine, catalog, registry, options, image, resolveCommand(catalog), false,
        spec.commandLine().getErr());
  }

  /** A named command is only looked up when no {@code --} came before the command. */
  private List<String> resolveCommand(Catalog catalog) throws EsperantoException {
    if (command.isEmpty() || explicitCommand()) {
      return command;
    }
    Map<String, NamedCommand> named = catalog.image(image).spec().commands();
    NamedCommand match = named.get(command.get(0));
    if (match == null) {
      throw new EsperantoException("Image '" + image + "' has no command named '" + Printable.of(command.get(0))
          + "'; its commands: " + (named.isEmpty() ? "(none)" : String.join(", ", named.keySet()))
          + "; to run any program write: esperanto run " + image + " -- " + Printable.of(command.get(0)));
    }
    List<String> argv = new ArrayList<>(match.command());
    argv.addAll(command.subList(1, command.size()));
    return argv;
  }

  private boolean explicitCommand() {
    List<String> original = spec.commandLine().getParseResult().originalArgs();
    int imageAt = original.indexOf(image);
    int dashes = original.indexOf("--");
    return dashes >= 0 && (imageAt < 0 || dashes > imageAt);
  }
}
