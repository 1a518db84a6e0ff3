package io.jenkins.plugins.esperanto.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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
}
