package io.jenkins.plugins.esperanto.engine.key;

import io.jenkins.plugins.esperanto.engine.api.Printable;
import java.util.regex.Pattern;

/**
 * One compiled {@code .dockerignore} pattern, matching exactly what Docker's pattern matcher
 * (moby/patternmatcher) matches.
 *
 * <p>Docker validates a pattern with Go's {@code filepath.Match} syntax, then turns it into one of
 * four matchers: exact text, prefix (a trailing {@code **}), suffix (a leading {@code **}) or a
 * regular expression. The same classification is done here, because it decides results: {@code
 * **file} is a suffix match, so it matches {@code dir/myfile}. Docker hands the rest of the pattern
 * to Go's regexp engine; the few constructs that engine would read differently from a glob (a
 * {@code *} or {@code ?} inside {@code [...]}, a POSIX class, an escaped letter with a regexp
 * meaning other than {@code \d \w \s}) are rejected rather than guessed.
 */
final class IgnorePattern {
  private enum Kind {
    EXACT,
    PREFIX,
    SUFFIX,
    REGEXP
  }

  private final String text;
  private final boolean exception;
  private final Kind kind;
  private final Pattern regex;

  private IgnorePattern(String text, boolean exception, Kind kind, Pattern regex) {
    this.text = text;
    this.exception = exception;
    this.kind = kind;
    this.regex = regex;
  }

  /**
   * Compiles a pattern as Docker's {@code patternmatcher.New} does: trimmed, cleaned, a leading
   * {@code !} marks an exception.
   *
   * @return null for a blank pattern, which Docker skips
   * @throws IllegalArgumentException when Docker would reject the pattern, or when its meaning in
   *     Docker depends on regexp quirks that are not reproduced
   */
  static IgnorePattern compile(String pattern) {
    String p = pattern.strip();
    if (p.isEmpty()) {
      return null;
    }
    p = SlashPath.clean(p);
    boolean exception = false;
    if (p.charAt(0) == '!') {
      if (p.length() == 1) {
        throw new IllegalArgumentException("bad pattern '!': nothing after the '!'");
      }
      exception = true;
      p = p.substring(1);
    }
    return new Compiler(p, exception).compile();
  }

  /** An exception pattern that re-includes exactly {@code path}, whatever characters it has. */
  static IgnorePattern literalException(String path) {
    return new IgnorePattern(path, true, Kind.EXACT, null);
  }

  /** True for a {@code !pattern}. */
  boolean isException() {
    return exception;
  }

  /** The cleaned pattern, without its {@code !}. */
  String text() {
    return text;
  }

  /** Whether the slash-separated relative {@code path} itself matches (no parent lookup). */
  boolean matches(String path) {
    switch (kind) {
      case EXACT:
        return path.equals(text);
      case PREFIX:
        return path.startsWith(text.substring(0, text.length() - 2));
      case SUFFIX:
        String suffix = text.substring(2);
        return path.endsWith(suffix)
            || (suffix.startsWith("/") && path.equals(suffix.substring(1)));
      default:
        return regex.matcher(path).matches();
    }
  }

  @Override
  public String toString() {
    return (exception ? "!" : "") + text;
  }

  /** One pass over the pattern: validates Go glob syntax and builds the matcher. */
  private static final class Compiler {
    private final String text;
    private final boolean exception;
    private final int[] cps;
    private int pos;
    private final StringBuilder re = new StringBuilder();
    private Kind kind = Kind.EXACT;

    Compiler(String text, boolean exception) {
      this.text = text;
      this.exception = exception;
      this.cps = text.codePoints().toArray();
    }

    IgnorePattern compile() {
      for (int step = 0; pos < cps.length; step++) {
        int ch = cps[pos++];
        if (ch == '*') {
          star(step);
        } else if (ch == '?') {
          re.append("[^/]");
          kind = Kind.REGEXP;
        } else if (ch == '\\') {
          if (pos == cps.length) {
            throw bad("it ends with a lone '\\'");
          }
          escaped(cps[pos++]);
          kind = Kind.REGEXP;
        } else if (ch == '[') {
          characterClass();
          kind = Kind.REGEXP;
        } else if (ch == ']') {
          re.append("\\]");
          kind = Kind.REGEXP;
        } else {
          literal(ch);
        }
      }
      Pattern regex =
          kind == Kind.REGEXP ? Pattern.compile(re.toString(), Pattern.UNIX_LINES) : null;
      return new IgnorePattern(text, exception, kind, regex);
    }

    /** {@code *} is any run of non-slashes; {@code **} any number of directories. */
    private void star(int step) {
      if (pos < cps.length && cps[pos] == '*') {
        pos++;
        if (pos < cps.length && cps[pos] == '/') {
          pos++;
        }
        if (pos == cps.length) {
          if (kind == Kind.EXACT) {
            kind = Kind.PREFIX;
          } else {
            re.append(".*");
            kind = Kind.REGEXP;
          }
        } else {
          re.append("(?:.*/)?");
          kind = Kind.REGEXP;
        }
        // Docker makes any pattern that starts with ** a suffix match, even when a regexp part
        // was appended; later wildcards turn it back into a regexp.
        if (step == 0) {
          kind = Kind.SUFFIX;
        }
      } else {
        re.append("[^/]*");
        kind = Kind.REGEXP;
      }
    }

    /** A {@code [...]} class, with Go's {@code filepath.Match} syntax rules. */
    private void characterClass() {
      re.append('[');
      if (pos < cps.length && cps[pos] == '^') {
        re.append('^');
        pos++;
      }
      int ranges = 0;
      while (true) {
        if (pos < cps.length && cps[pos] == ']' && ranges > 0) {
          pos++;
          break;
        }
        int lo = classChar();
        int hi = lo;
        if (cps[pos] == '-') {
          pos++;
          hi = classChar();
          if (hi < lo) {
            throw bad(
                "the range "
                    + new String(Character.toChars(lo))
                    + "-"
                    + new String(Character.toChars(hi))
                    + " is reversed");
          }
        }
        literal(lo);
        if (hi != lo) {
          re.append('-');
          literal(hi);
        }
        ranges++;
      }
      re.append(']');
    }

    /** Go's {@code getEsc}: one possibly escaped character that must be followed by more. */
    private int classChar() {
      if (pos == cps.length || cps[pos] == '-' || cps[pos] == ']') {
        throw bad("a character class is empty, unterminated or has a dangling '-'");
      }
      int ch = cps[pos++];
      if (ch == '\\') {
        if (pos == cps.length) {
          throw bad("a character class is unterminated");
        }
        ch = cps[pos++];
        if (Character.isLetterOrDigit(ch) && ch < 128) {
          throw bad("an escaped letter or digit inside [...] has a regexp meaning in Docker");
        }
      } else if (ch == '*' || ch == '?') {
        throw bad(
            "Docker expands '" + (char) ch + "' inside [...] into a broken regexp; escape it");
      } else if (ch == '[' && pos < cps.length && cps[pos] == ':') {
        throw bad("POSIX classes such as [:alpha:] are not supported");
      }
      if (pos == cps.length) {
        throw bad("a character class is unterminated");
      }
      return ch;
    }

    /** A backslash escape: Docker passes it to Go's regexp, where some letters mean classes. */
    private void escaped(int ch) {
      if (ch >= 128 || !Character.isLetterOrDigit(ch)) {
        literal(ch);
        return;
      }
      switch (ch) {
        case 'd':
        case 'D':
        case 'w':
        case 'W':
        case 'b':
        case 'B':
        case 'A':
        case 'z':
        case 't':
        case 'n':
        case 'r':
        case 'f':
          re.append('\\').append((char) ch);
          return;
        case 's':
          re.append("[\\t\\n\\f\\r ]");
          return;
        case 'S':
          re.append("[^\\t\\n\\f\\r ]");
          return;
        case 'v':
          re.append("\\x0B");
          return;
        case 'a':
          re.append("\\x07");
          return;
        default:
          throw bad(
              "'\\" + (char) ch + "' is a regexp escape in Docker that is not supported here");
      }
    }

    private void literal(int ch) {
      if (ch < 128 && Character.isLetterOrDigit(ch)) {
        re.append((char) ch);
      } else if (ch < 128) {
        re.append('\\').append((char) ch);
      } else {
        re.append("\\x{").append(Integer.toHexString(ch)).append('}');
      }
    }

    private IllegalArgumentException bad(String why) {
      return new IllegalArgumentException("bad pattern '" + Printable.of(text) + "': " + why);
    }
  }
}
