package io.jenkins.plugins.esperanto.engine.api;

/** Makes user input safe to echo in a one-line message: no control characters, bounded length. */
public final class Printable {
  private static final int MAX = 160;

  private Printable() {}

  public static String of(String value) {
    if (value == null) {
      return "null";
    }
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < value.length() && out.length() < MAX; i++) {
      char c = value.charAt(i);
      out.append(Character.isISOControl(c) ? '?' : c);
    }
    return value.length() > MAX ? out + "..." : out.toString();
  }
}
