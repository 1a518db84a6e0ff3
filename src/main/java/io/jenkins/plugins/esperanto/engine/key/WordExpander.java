package io.jenkins.plugins.esperanto.engine.key;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Expands one Dockerfile word the way Docker's shell lexer does for {@code FROM} and {@code ARG}:
 * quotes are removed, the escape character escapes, {@code $NAME}, {@code ${NAME}}, {@code
 * ${NAME:-word}}, {@code ${NAME-word}}, {@code ${NAME:+word}}, {@code ${NAME+word}} and {@code
 * ${NAME:?message}} are substituted.
 *
 * <p>Stricter than Docker on one point: a variable without a value and without a default is an
 * error here, where Docker silently substitutes an empty string and then fails (or, worse, builds
 * from another image).
 */
final class WordExpander {
  private final String word;
  private final char escape;
  private final Map<String, String> variables;
  private int pos;

  private WordExpander(String word, char escape, Map<String, String> variables) {
    this.word = word;
    this.escape = escape;
    this.variables = variables;
  }

  /**
   * @throws IllegalArgumentException with a message that completes "line N ..." when a variable has
   *     no value or a quote is not closed
   */
  static String expand(String word, char escape, Map<String, String> variables) {
    return new WordExpander(word, escape, variables).until(-1);
  }

  /**
   * Splits on unquoted whitespace, keeping quotes and escapes in the words (BuildKit parseWords).
   */
  static List<String> words(String text, char escape) {
    List<String> words = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    char quote = 0;
    for (int i = 0; i < text.length(); i++) {
      char ch = text.charAt(i);
      if (quote == 0 && Character.isWhitespace(ch)) {
        if (current.length() > 0) {
          words.add(current.toString());
          current.setLength(0);
        }
        continue;
      }
      current.append(ch);
      if (ch == escape && quote != '\'' && i + 1 < text.length()) {
        current.append(text.charAt(++i));
      } else if (quote == 0 && (ch == '\'' || ch == '"')) {
        quote = ch;
      } else if (ch == quote) {
        quote = 0;
      }
    }
    if (current.length() > 0) {
      words.add(current.toString());
    }
    return words;
  }

  /** Expands until {@code stop} (a closing brace) or the end; consumes the stop character. */
  private String until(int stop) {
    StringBuilder out = new StringBuilder();
    while (pos < word.length()) {
      char ch = word.charAt(pos);
      if (ch == stop) {
        pos++;
        return out.toString();
      }
      pos++;
      if (ch == escape) {
        if (pos < word.length()) {
          out.append(word.charAt(pos++));
        }
      } else if (ch == '\'') {
        int close = word.indexOf('\'', pos);
        if (close < 0) {
          throw new IllegalArgumentException("has an unclosed single quote");
        }
        out.append(word, pos, close);
        pos = close + 1;
      } else if (ch == '"') {
        out.append(doubleQuoted());
      } else if (ch == '$') {
        out.append(variable());
      } else {
        out.append(ch);
      }
    }
    if (stop >= 0) {
      throw new IllegalArgumentException("has an unclosed ${");
    }
    return out.toString();
  }

  private String doubleQuoted() {
    StringBuilder out = new StringBuilder();
    while (pos < word.length()) {
      char ch = word.charAt(pos++);
      if (ch == '"') {
        return out.toString();
      }
      if (ch == escape && pos < word.length()) {
        char next = word.charAt(pos);
        if (next == '"' || next == '$' || next == escape) {
          out.append(next);
          pos++;
          continue;
        }
        out.append(ch);
      } else if (ch == '$') {
        out.append(variable());
      } else {
        out.append(ch);
      }
    }
    throw new IllegalArgumentException("has an unclosed double quote");
  }

  /** After a {@code $}. */
  private String variable() {
    if (pos < word.length() && word.charAt(pos) == '{') {
      pos++;
      String name = name();
      if (name.isEmpty()) {
        throw new IllegalArgumentException("has a ${...} without a variable name");
      }
      if (pos < word.length() && word.charAt(pos) == '}') {
        pos++;
        return required(name);
      }
      boolean colon = pos < word.length() && word.charAt(pos) == ':';
      if (colon) {
        pos++;
      }
      char op = pos < word.length() ? word.charAt(pos++) : 0;
      String value = variables.get(name);
      boolean use = colon ? value != null && !value.isEmpty() : value != null;
      switch (op) {
        case '-':
          {
            String fallback = until('}');
            return use ? value : fallback;
          }
        case '+':
          {
            String alternative = until('}');
            return use ? alternative : "";
          }
        case '?':
          {
            String message = until('}');
            if (!use) {
              throw new IllegalArgumentException(
                  "requires ARG '" + name + "'" + (message.isEmpty() ? "" : " (" + message + ")"));
            }
            return value;
          }
        default:
          throw new IllegalArgumentException(
              "has an unsupported ${"
                  + name
                  + (colon ? ":" : "")
                  + (op == 0 ? "" : String.valueOf(op))
                  + "...} form");
      }
    }
    String name = name();
    if (name.isEmpty()) {
      return "$";
    }
    return required(name);
  }

  private String name() {
    int start = pos;
    while (pos < word.length()
        && (Character.isLetterOrDigit(word.charAt(pos)) || word.charAt(pos) == '_')) {
      pos++;
    }
    return word.substring(start, pos);
  }

  private String required(String name) {
    String value = variables.get(name);
    if (value == null) {
      throw new IllegalArgumentException(
          "uses ARG '"
              + name
              + "', which has no value: it is not declared before the first FROM with a default,"
              + " nor given as a build arg");
    }
    return value;
  }
}
