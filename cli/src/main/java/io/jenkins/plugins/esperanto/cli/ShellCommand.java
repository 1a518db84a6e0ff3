package io.jenkins.plugins.esperanto.cli;

import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code esperanto shell <image>}: an interactive shell in a container of the image, as you. */
@Command(name = "shell", description = "Open an interactive shell in a container of an image, as you, in the current folder.")
final class ShellCommand implements Callable<Integer> {
  @Spec CommandLine.Model.CommandSpec spec;
  @Mixin EngineOptions engine;
  @Mixin RunOptions options;
  @Mixin RegistryOptions registry;

  @Parameters(index = "0", paramLabel = "IMAGE", description = "Catalog image name.")
  String image;

  @Override
  public Integer call() throws Exception {
    boolean tty = System.console() != null;
    options.interactive = true;
    return ContainerLaunch.launch(engine, engine.loadCatalog(), registry, options, image, List.of("sh", "-l"), tty, spec.commandLine().getErr());
  }
}
