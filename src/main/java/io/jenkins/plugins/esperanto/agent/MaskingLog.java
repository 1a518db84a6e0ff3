package io.jenkins.plugins.esperanto.agent;

import java.io.PrintStream;
import java.util.List;
import java.util.function.Consumer;

/**
 * Prints engine progress lines to the build log with every known secret replaced by
 * {@code ****}. The engine never logs secrets; this is the second line of defence, for a value
 * that a daemon or registry echoes back.
 */
final class MaskingLog implements Consumer<String> {
  private final PrintStream out;
  private final List<String> secrets;

  MaskingLog(PrintStream out, List<String> secrets) {
    this.out = out;
    this.secrets = List.copyOf(secrets);
  }

  @Override
  public void accept(String line) {
    out.println(mask(line, secrets));
  }

  static String mask(String line, List<String> secrets) {
    String masked = line;
    for (String secret : secrets) {
      if (!secret.isEmpty()) {
        masked = masked.replace(secret, "****");
      }
    }
    return masked;
  }
}
