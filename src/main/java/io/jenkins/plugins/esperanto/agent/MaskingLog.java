package io.jenkins.plugins.esperanto.agent;

import java.io.PrintStream;
import java.util.Comparator;
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
    this.secrets = longestFirst(secrets);
  }

  @Override
  public void accept(String line) {
    out.println(mask(line, secrets));
  }

  static String mask(String line, List<String> secrets) {
    String masked = line;
    for (String secret : longestFirst(secrets)) {
      if (!secret.isEmpty()) {
        masked = masked.replace(secret, "****");
      }
    }
    return masked;
  }

  /**
   * Longest first, as credentials-binding's SecretPatterns orders its pattern: a secret that
   * contains another must be hidden whole before the shorter one breaks it up.
   */
  private static List<String> longestFirst(List<String> secrets) {
    return secrets.stream().sorted(Comparator.comparingInt(String::length).reversed()).toList();
  }
}
