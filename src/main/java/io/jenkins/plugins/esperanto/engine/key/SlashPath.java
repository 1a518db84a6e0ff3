package io.jenkins.plugins.esperanto.engine.key;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Slash-separated relative paths as Docker's tools see them: cleaned lexically the way Go's {@code
 * filepath.Clean} does on Linux, and compared byte-wise.
 */
final class SlashPath {
  private SlashPath() {}

  /**
   * Go's {@code filepath.Clean}: collapses repeated slashes, drops {@code .} elements, resolves
   * {@code ..} against a preceding element, drops {@code ..} right after the root, removes a
   * trailing slash; an empty result becomes {@code .}.
   */
  static String clean(String path) {
    if (path.isEmpty()) {
      return ".";
    }
    boolean rooted = path.charAt(0) == '/';
    Deque<String> out = new ArrayDeque<>();
    for (String element : path.split("/", -1)) {
      if (element.isEmpty() || element.equals(".")) {
        continue;
      }
      if (element.equals("..")) {
        if (!out.isEmpty() && !out.peekLast().equals("..")) {
          out.removeLast();
        } else if (!rooted) {
          out.addLast("..");
        }
        continue;
      }
      out.addLast(element);
    }
    String joined = String.join("/", out);
    if (rooted) {
      return "/" + joined;
    }
    return joined.isEmpty() ? "." : joined;
  }

  /**
   * Compares by Unicode code point, which is the order of the UTF-8 bytes; {@link String#compareTo}
   * compares UTF-16 units and differs above U+FFFF.
   */
  static int compareBytewise(String a, String b) {
    int i = 0;
    int j = 0;
    while (i < a.length() && j < b.length()) {
      int ca = a.codePointAt(i);
      int cb = b.codePointAt(j);
      if (ca != cb) {
        return Integer.compare(ca, cb);
      }
      i += Character.charCount(ca);
      j += Character.charCount(cb);
    }
    return Integer.compare(a.length() - i, b.length() - j);
  }
}
