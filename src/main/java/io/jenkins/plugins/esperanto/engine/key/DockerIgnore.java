package io.jenkins.plugins.esperanto.engine.key;

import io.jenkins.plugins.esperanto.engine.api.EsperantoException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * The {@code .dockerignore} of a build context, applied exactly as the Docker CLI applies it when
 * it sends a context to the Engine.
 *
 * <p>Lines are read as moby's {@code ignorefile.ReadAll} reads them (a line starting with {@code #}
 * is a comment, whitespace is trimmed, paths are cleaned, a leading {@code /} is dropped). Patterns
 * support {@code *}, {@code ?}, {@code [...]}, {@code **} and {@code !} exceptions; the last
 * matching pattern wins, and a pattern that matches a directory excludes everything below it unless
 * a later exception matches. A directory that is excluded is still entered when an exception
 * pattern starts with its path, as {@code docker build} does; its own entry is not sent, only what
 * the exception brings back.
 */
public final class DockerIgnore {
  /** The name of the file in the context folder. */
  public static final String FILE_NAME = ".dockerignore";

  private static final DockerIgnore NONE = new DockerIgnore(List.of());

  private final List<IgnorePattern> patterns;
  private final boolean hasExceptions;

  private DockerIgnore(List<IgnorePattern> patterns) {
    this.patterns = Collections.unmodifiableList(patterns);
    this.hasExceptions = patterns.stream().anyMatch(IgnorePattern::isException);
  }

  /**
   * Reads {@code <contextDir>/.dockerignore}; a missing file ignores nothing.
   *
   * @throws EsperantoException naming the file (and line) when it cannot be read or has a pattern
   *     Docker would reject
   */
  public static DockerIgnore read(Path contextDir) throws EsperantoException {
    Path file = contextDir.resolve(FILE_NAME);
    byte[] bytes;
    try {
      bytes = CatalogFile.read(file);
    } catch (NoSuchFileException e) {
      return NONE;
    } catch (CatalogFile.Unusable e) {
      throw new BuildContextException(file, "Tried to read " + file + " but " + e.getMessage(), e);
    } catch (IOException e) {
      throw new BuildContextException(
          file,
          "Tried to read " + file + " but failed because " + e + "; check its permissions",
          e);
    }
    String text = new String(bytes, StandardCharsets.UTF_8);
    List<String> lines = new ArrayList<>(Arrays.asList(text.split("\n", -1)));
    try {
      return parse(lines);
    } catch (IllegalArgumentException e) {
      throw new BuildContextException(
          file,
          "Tried to read "
              + file
              + " but failed because "
              + e.getMessage()
              + "; fix or remove that line");
    }
  }

  /** A matcher that ignores nothing. */
  public static DockerIgnore none() {
    return NONE;
  }

  /**
   * Parses the lines of a {@code .dockerignore}.
   *
   * @throws IllegalArgumentException naming the line number when a pattern is invalid (a lone
   *     {@code !}, an unterminated {@code [}, a trailing backslash, ...)
   */
  public static DockerIgnore parse(List<String> lines) {
    List<IgnorePattern> patterns = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      String normalized = normalizeLine(lines.get(i), i == 0);
      if (normalized == null) {
        continue;
      }
      try {
        IgnorePattern pattern = IgnorePattern.compile(normalized);
        if (pattern != null) {
          patterns.add(pattern);
        }
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("line " + (i + 1) + " has a " + e.getMessage(), e);
      }
    }
    return patterns.isEmpty() ? NONE : new DockerIgnore(patterns);
  }

  /** moby's {@code ignorefile.ReadAll} for one line; null when the line is skipped. */
  private static String normalizeLine(String raw, boolean first) {
    String line = raw.endsWith("\r") ? raw.substring(0, raw.length() - 1) : raw;
    if (first && line.startsWith("\uFEFF")) {
      line = line.substring(1);
    }
    // The comment test comes before trimming: " # x" is the pattern "# x".
    if (line.startsWith("#")) {
      return null;
    }
    String pattern = line.strip();
    if (pattern.isEmpty()) {
      return null;
    }
    boolean invert = pattern.charAt(0) == '!';
    if (invert) {
      pattern = pattern.substring(1).strip();
    }
    if (!pattern.isEmpty()) {
      pattern = SlashPath.clean(pattern);
      if (pattern.length() > 1 && pattern.charAt(0) == '/') {
        pattern = pattern.substring(1);
      }
    }
    return invert ? "!" + pattern : pattern;
  }

  /**
   * The same patterns plus exceptions that keep the given files, as the Docker CLI does for the
   * Dockerfile and {@code .dockerignore}: the Engine needs them even when they are ignored (it
   * removes them from the build's view itself).
   *
   * @param dockerfilePath the Dockerfile's slash-separated path relative to the context
   */
  public DockerIgnore keepingBuildFiles(String dockerfilePath) {
    DockerIgnore result = this;
    for (String keep : List.of(FILE_NAME, normalize(dockerfilePath))) {
      if (result.isExcluded(keep)) {
        List<IgnorePattern> more = new ArrayList<>(result.patterns);
        more.add(IgnorePattern.literalException(keep));
        result = new DockerIgnore(more);
      }
    }
    return result;
  }

  /**
   * Whether {@code docker build} would leave this path out of the context it sends.
   *
   * @param relativePath slash-separated, relative to the context folder (a leading {@code /} or
   *     {@code ./} is ignored)
   */
  public boolean isExcluded(String relativePath) {
    String path = normalize(relativePath);
    if (path.equals(".") || patterns.isEmpty()) {
      return false;
    }
    Verdict verdict = null;
    int slash = -1;
    while (true) {
      slash = path.indexOf('/', slash + 1);
      String prefix = slash < 0 ? path : path.substring(0, slash);
      verdict = evaluate(prefix, verdict);
      if (slash < 0) {
        return verdict.excluded;
      }
      // An excluded parent directory is not entered at all unless an exception may need it.
      if (verdict.excluded && !entersExcludedDirectory(prefix)) {
        return true;
      }
    }
  }

  /** The patterns, cleaned, in order ({@code !} marks exceptions). */
  public List<String> patterns() {
    List<String> out = new ArrayList<>();
    for (IgnorePattern pattern : patterns) {
      out.add(pattern.toString());
    }
    return out;
  }

  /** True when no pattern is set. */
  public boolean isEmpty() {
    return patterns.isEmpty();
  }

  private static String normalize(String relativePath) {
    String path = SlashPath.clean(relativePath);
    while (path.startsWith("/")) {
      path = path.substring(1);
    }
    return path.isEmpty() ? "." : path;
  }

  /**
   * Decides one walked path from its parent directory's verdict, as moby's {@code
   * MatchesUsingParentResults}: a pattern that matched the parent counts as matching the child.
   *
   * @param parent the verdict of the parent directory, null at the top of the context
   */
  Verdict evaluate(String path, Verdict parent) {
    boolean excluded = false;
    boolean[] matched = new boolean[patterns.size()];
    for (int i = 0; i < patterns.size(); i++) {
      IgnorePattern pattern = patterns.get(i);
      boolean match = parent != null && parent.matched[i];
      if (!match) {
        // An inclusion cannot change an excluded result, nor an exception an included one.
        if (pattern.isException() != excluded) {
          continue;
        }
        match = pattern.matches(path);
      }
      matched[i] = match;
      if (match) {
        excluded = !pattern.isException();
      }
    }
    return new Verdict(excluded, matched);
  }

  /**
   * Whether an excluded directory must still be walked: Docker enters it when the text of some
   * exception pattern starts with the directory's path.
   */
  boolean entersExcludedDirectory(String directory) {
    if (!hasExceptions) {
      return false;
    }
    String prefix = directory + "/";
    for (IgnorePattern pattern : patterns) {
      if (pattern.isException() && (pattern.text() + "/").startsWith(prefix)) {
        return true;
      }
    }
    return false;
  }

  @Override
  public String toString() {
    return "DockerIgnore" + patterns();
  }

  /** The outcome for one path, kept for its children. */
  static final class Verdict {
    final boolean excluded;
    private final boolean[] matched;

    private Verdict(boolean excluded, boolean[] matched) {
      this.excluded = excluded;
      this.matched = matched;
    }
  }
}
