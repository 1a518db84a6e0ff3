package io.jenkins.plugins.esperanto.cli;

import io.jenkins.plugins.esperanto.engine.registry.RegistryClient;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code esperanto pull <image>...}: pulls images through the Engine API, no docker login. */
@Command(name = "pull", mixinStandardHelpOptions = true,
    description = "Pull images from their registry (catalog names or full references, e.g. 127.0.0.1:5000/team/base:3f2a).")
public final class PullCommand implements Callable<Integer> {
  @Mixin EngineOptions engine;
  @Mixin RegistryOptions registry;

  @Parameters(arity = "1..*", paramLabel = "IMAGE",
      description = "Catalog image names (tagged with --repository and their content key) or full references.")
  List<String> images;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    return registry.forEachImage(images, engine, spec.commandLine().getOut(), RegistryClient::pull);
  }
}
