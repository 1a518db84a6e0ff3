package io.jenkins.plugins.esperanto.agent;

import io.jenkins.plugins.esperanto.engine.docker.OutputLines;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;

/**
 * Prints engine progress lines to the build log with every known secret replaced by
 * {@code ****}. The engine never logs secrets; this is the second line of defence, for a value
 * that a daemon or registry echoes back.
 *
 * <p>{@link OutputLines} cuts a long line into pieces of {@link OutputLines#MAX_LINE}
 * characters, and a secret may straddle a cut. So the raw last (longest secret − 1) characters
 * of such a piece are held back, with which of them a match already covered, and joined to the
 * next line before masking; {@link #flush()} prints what is still held. The engine may put a
 * prefix before each piece (as {@code [entrypoint] }): the characters of a piece line beyond
 * {@code MAX_LINE} are taken for it, and a next line that starts with it continues the piece.
 */
final class MaskingLog implements Consumer<String> {
  private static final String MASK = "****";

  private final PrintStream out;
  private final List<String> secrets;
  private final int longest;
  private String held = "";
  private boolean[] heldCovered = new boolean[0];
  private String heldPrefix = "";

  MaskingLog(PrintStream out, List<String> secrets) {
    this.out = out;
    this.secrets = secrets.stream().filter(s -> !s.isEmpty()).toList();
    this.longest = this.secrets.stream().mapToInt(String::length).max().orElse(0);
  }

  @Override
  public synchronized void accept(String line) {
    boolean continues = !held.isEmpty() && line.startsWith(heldPrefix);
    if (!continues) {
      flush();
    }
    String prefix = continues ? heldPrefix : "";
    String body = line.substring(prefix.length());
    // the stream as the program wrote it: the held tail, then this line's text after the prefix
    String text = held + body;
    boolean[] covered = Arrays.copyOf(heldCovered, text.length());
    cover(text, secrets, covered);
    // the line as printed is masked on its own too: a secret may also straddle the prefix
    boolean[] lineCovered = new boolean[line.length()];
    cover(line, secrets, lineCovered);
    for (int i = 0; i < body.length(); i++) {
      covered[held.length() + i] |= lineCovered[prefix.length() + i];
    }
    // a piece of the maximum size may have been cut from a longer line: its tail may begin a secret
    int keep = body.length() >= OutputLines.MAX_LINE ? Math.min(Math.max(longest - 1, 0), text.length()) : 0;
    int cut = text.length() - keep;
    String nextPrefix = continues ? prefix : line.substring(0, Math.max(0, line.length() - OutputLines.MAX_LINE));
    held = text.substring(cut);
    heldCovered = Arrays.copyOfRange(covered, cut, text.length());
    heldPrefix = nextPrefix;
    if (cut > 0 || keep == 0) {
      boolean[] shown = Arrays.copyOf(Arrays.copyOf(lineCovered, prefix.length()), prefix.length() + cut);
      System.arraycopy(covered, 0, shown, prefix.length(), cut);
      out.println(render(prefix + text.substring(0, cut), shown, prefix.length() + cut));
    }
  }

  /** Prints what is held back from the last piece, if anything. */
  synchronized void flush() {
    if (!held.isEmpty()) {
      out.println(render(held, heldCovered, held.length()));
    }
    held = "";
    heldCovered = new boolean[0];
    heldPrefix = "";
  }

  /** {@code text} with every occurrence of every secret, overlapping ones too, shown as {@code ****}. */
  static String mask(String text, List<String> secrets) {
    boolean[] covered = new boolean[text.length()];
    cover(text, secrets, covered);
    return render(text, covered, text.length());
  }

  /**
   * Marks every character that belongs to an occurrence of a secret. Marking all occurrences,
   * not replacing one secret after another, hides a secret that contains or overlaps another
   * whole, whatever their order.
   */
  private static void cover(String text, List<String> secrets, boolean[] covered) {
    for (String secret : secrets) {
      if (secret.isEmpty()) {
        continue;
      }
      for (int at = text.indexOf(secret); at >= 0; at = text.indexOf(secret, at + 1)) {
        Arrays.fill(covered, at, at + secret.length(), true);
      }
    }
  }

  /** The first {@code end} characters of {@code text}, each run of covered ones as one {@code ****}. */
  private static String render(String text, boolean[] covered, int end) {
    StringBuilder shown = new StringBuilder(end);
    for (int i = 0; i < end; i++) {
      if (!covered[i]) {
        shown.append(text.charAt(i));
      } else if (i == 0 || !covered[i - 1]) {
        shown.append(MASK);
      }
    }
    return shown.toString();
  }
}
