package io.jenkins.plugins.esperanto.cli;

import com.github.dockerjava.api.DockerClient;
import io.jenkins.plugins.esperanto.engine.api.EsperantoException;
import io.jenkins.plugins.esperanto.engine.run.ContainerReaper;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code esperanto gc}: removes containers left behind by esperanto processes that are gone. */
@Command(
    name = "gc",
    mixinStandardHelpOptions = true,
    description = {
      "Removes containers created by esperanto (or the Jenkins plugin) on this machine whose owner"
          + " process is gone (killed, crashed, machine rebooted). Containers of live owners, of"
          + " other machines or PID namespaces, with labels too old to judge and not created by"
          + " esperanto are never touched. Also deletes the temporary folders (esperanto-<pid>-*)"
          + " that killed esperanto processes of this user left."
    })
final class GcCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--dry-run", description = "Only list the containers that would be removed, and those kept, with the reason.")
  boolean dryRun;

  @Option(names = "--host", description = "Docker Engine address (default: DOCKER_HOST or the local socket).")
  String host;

  @Override
  public Integer call() throws EsperantoException, IOException {
    PrintWriter out = spec.commandLine().getOut();
    try (DockerClient docker = EngineOptions.connect("--host", Optional.ofNullable(host))) {
      List<String> orphans =
          dryRun
              ? ContainerReaper.findOrphans(docker, out::println)
              : ContainerReaper.reap(docker, out::println);
      out.println((dryRun ? "Would remove " : "Removed ") + orphans.size() + " orphaned container"
          + (orphans.size() == 1 ? "" : "s"));
      removeStaleTempFolders(out);
      out.flush();
      return 0;
    }
  }

  /** Temporary folders of esperanto processes killed with SIGKILL (no hook ran for them). */
  private void removeStaleTempFolders(PrintWriter out) throws IOException {
    for (java.nio.file.Path folder : StaleTempFolders.find(java.nio.file.Path.of(System.getProperty("java.io.tmpdir")))) {
      out.println((dryRun ? "Would remove " : "Removed ") + "the temporary folder " + folder);
      if (!dryRun) {
        StaleTempFolders.delete(folder);
      }
    }
  }
}
