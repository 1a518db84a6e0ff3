package io.jenkins.plugins.esperanto.cli;

/** Entry point of the {@code esperanto} command. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    System.exit(EsperantoCommand.execute(args));
  }
}
