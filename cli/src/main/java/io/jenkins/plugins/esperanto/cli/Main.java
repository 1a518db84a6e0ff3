package io.jenkins.plugins.esperanto.cli;

/** Entry point of the {@code esperanto} command. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    ProcessCleanup cleanup = ProcessCleanup.install();
    int code;
    try {
      code = EsperantoCommand.execute(args);
    } finally {
      cleanup.finished();
    }
    System.exit(code);
  }
}
