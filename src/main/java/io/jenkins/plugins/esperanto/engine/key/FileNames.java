package io.jenkins.plugins.esperanto.engine.key;

import io.jenkins.plugins.esperanto.engine.api.Printable;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * File names as a build context archives them: UTF-8, as the Docker CLI sends the bytes of a
 * UTF-8 system. Java decodes file names with {@code sun.jnu.encoding}, which follows the
 * locale at JVM start (JDK 17 and later alike): under {@code LC_ALL=C} every non-ASCII byte
 * becomes U+FFFD, so {@code café.txt} and {@code cafè.txt} would both be archived as one
 * mangled name. A name is therefore used only when it is read exactly: ASCII, or decoded as
 * valid UTF-8; anything else is an error naming the path, never a mangled entry. An ignored
 * file is no exception: a mangled name cannot be matched against .dockerignore exactly.
 */
final class FileNames {
  private static final boolean UTF8_NAMES = jnuCharset().equals(StandardCharsets.UTF_8);

  private FileNames() {}

  /** The last component of {@code path} as text, or an error when it cannot be read exactly. */
  static String nameOf(Path path) throws BuildContextException {
    String name = path.getFileName().toString();
    if (!exact(name)) {
      throw unrepresentable(path, "the name of");
    }
    return name;
  }

  /** A symbolic link's target as text, or an error when it cannot be read exactly. */
  static String linkTarget(Path link, Path target) throws BuildContextException {
    String text = target.toString();
    if (!exact(text)) {
      throw unrepresentable(link, "the target of the link");
    }
    return text;
  }

  private static boolean exact(String text) {
    boolean ascii = text.chars().allMatch(c -> c < 0x80);
    return ascii || (UTF8_NAMES && text.indexOf('\uFFFD') < 0);
  }

  private static BuildContextException unrepresentable(Path path, String what) {
    return new BuildContextException(path, "Tried to archive the build context but "
        + what + " " + Printable.of(path.toString()) + " is not ASCII and this Java process"
        + " reads file names as " + jnuCharset().name() + " (from its locale), or it is not"
        + " valid UTF-8, so it cannot be archived exactly; start Java with a UTF-8 locale"
        + " (LC_ALL=C.UTF-8) or rename the file");
  }

  private static Charset jnuCharset() {
    String name = System.getProperty("sun.jnu.encoding", System.getProperty("native.encoding",
        "UTF-8"));
    try {
      return Charset.forName(name);
    } catch (IllegalArgumentException e) {
      return StandardCharsets.US_ASCII;
    }
  }
}
