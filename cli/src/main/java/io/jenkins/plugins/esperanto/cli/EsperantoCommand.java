package io.jenkins.plugins.esperanto.cli;

import io.jenkins.plugins.esperanto.engine.api.EsperantoException;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The top-level {@code esperanto} command. Each subcommand is its own class; this one only
 * registers them and maps failures to exit codes, in one place.
 */
@Command(
    name = "esperanto",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "Builds, squashes, versions and runs per-image Docker build environments.",
    subcommands = {
      CommandLine.HelpCommand.class,
      KeyCommand.class,
      BuildCommand.class,
      RunCommand.class,
      ShellCommand.class,
      PushCommand.class,
      PullCommand.class,
      SquashCommand.class,
      GcCommand.class,
      RebuildCommand.class,
      PruneCommand.class,
    })
public final class EsperantoCommand implements Runnable {
  /** Exit code for a failure the engine reported (bad input, Docker error, failed build). */
  static final int EXIT_FAILURE = 1;
  /** Exit code for a command line that picocli could not parse. */
  static final int EXIT_USAGE = 2;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "Missing subcommand");
  }

  /** Runs the command line and returns the process exit code. */
  public static int execute(String... args) {
    return newCommandLine().execute(args);
  }

  /** A command line with the project's error handling, for {@link Main} and for tests. */
  public static CommandLine newCommandLine() {
    CommandLine commandLine = new CommandLine(new EsperantoCommand());
    commandLine.setExecutionExceptionHandler(EsperantoCommand::handleExecutionException);
    commandLine.setParameterExceptionHandler(EsperantoCommand::handleParameterException);
    return commandLine;
  }

  /** Engine failures are expected: one line on stderr, no stack trace. */
  private static int handleExecutionException(
      Exception e, CommandLine commandLine, CommandLine.ParseResult parseResult) {
    PrintWriter err = commandLine.getErr();
    if (ProcessCleanup.stopping()) {
      // the failure is the interruption itself: what was under way is being cleaned up
      err.println("esperanto: stopped");
    } else if (e instanceof EsperantoException) {
      err.println("esperanto: " + e.getMessage());
    } else {
      err.println("esperanto: internal error: " + e);
      if (System.getenv("ESPERANTO_DEBUG") != null) {
        e.printStackTrace(err);
      }
    }
    err.flush();
    return EXIT_FAILURE;
  }

  private static int handleParameterException(
      CommandLine.ParameterException e, String[] args) {
    PrintWriter err = e.getCommandLine().getErr();
    err.println("esperanto: " + e.getMessage());
    err.println("Try 'esperanto " + e.getCommandLine().getCommandName() + " --help'.");
    err.flush();
    return EXIT_USAGE;
  }
}
