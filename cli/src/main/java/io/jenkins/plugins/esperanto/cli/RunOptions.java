package io.jenkins.plugins.esperanto.cli;

import io.jenkins.plugins.esperanto.engine.api.EsperantoException;
import io.jenkins.plugins.esperanto.engine.run.RunPolicy;
import io.jenkins.plugins.esperanto.engine.run.RunPolicyFile;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Option;

/** Options shared by {@code run} and {@code shell}. */
final class RunOptions {
  @Option(names = {"-e", "--env"}, paramLabel = "NAME[=VALUE]",
      description = "Set a variable in the container; NAME alone passes the caller's value through.")
  List<String> env = new ArrayList<>();

  @Option(names = {"-v", "--volume"}, paramLabel = "HOST:CONTAINER[:ro]",
      description = "Mount a host folder in addition to image.yaml's run.volumes.")
  List<String> volumes = new ArrayList<>();

  @Option(names = {"-w", "--workspace"}, paramLabel = "DIR",
      description = "Folder mounted at the same path and used as working directory (default: the current folder).")
  Path workspace;

  @Option(names = {"-i", "--interactive"}, description = "Attach standard input to the command (as docker run -i).")
  boolean interactive;

  @Option(names = "--no-build", description = "Fail instead of building when the image for the current key is missing.")
  boolean noBuild;

  @Option(names = "--allow-host-path", paramLabel = "PATH",
      description = "Let image.yaml's run.volumes mount PATH (and what lies under it) besides the workspace and home.")
  List<String> allowHostPaths = new ArrayList<>();

  @Option(names = "--allow-device", paramLabel = "PATH", description = "Let image.yaml's run.devices pass PATH through.")
  List<String> allowDevices = new ArrayList<>();

  @Option(names = "--allow-group", paramLabel = "GROUP",
      description = "Let image.yaml's run.groups add the privileged GROUP (name or gid).")
  List<String> allowGroups = new ArrayList<>();

  @Option(names = "--allow-network", paramLabel = "MODE",
      description = "Let image.yaml's run.network be MODE: host, container:NAME or container:*.")
  List<String> allowNetworks = new ArrayList<>();

  /**
   * The run policy: the defaults, widened by {@code policy.yaml} (see {@link
   * RunPolicyFile#defaultLocation}) and by the {@code --allow-*} flags.
   */
  RunPolicy policy(Optional<Path> home) throws EsperantoException {
    Optional<Path> location = RunPolicyFile.defaultLocation(System.getenv(), home);
    RunPolicy file = location.isPresent() ? RunPolicyFile.load(location.get()) : RunPolicy.defaults();
    try {
      return file.plus(RunPolicy.of(allowHostPaths, allowDevices, allowGroups, allowNetworks));
    } catch (IllegalArgumentException e) {
      throw new EsperantoException(e.getMessage() + " (given with --allow-host-path or --allow-device)");
    }
  }
}
