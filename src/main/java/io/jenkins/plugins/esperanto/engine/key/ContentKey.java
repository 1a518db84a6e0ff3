package io.jenkins.plugins.esperanto.engine.key;

import io.jenkins.plugins.esperanto.engine.api.Printable;
import java.util.regex.Pattern;

/**
 * The identity of an image: the sha256 of everything that determines it (see {@link
 * ContentKeyInputs}). Its first 32 hex digits are the image's Docker tag.
 */
public final class ContentKey {
  private static final Pattern HEX64 = Pattern.compile("[0-9a-f]{64}");

  /** Hex digits in {@link #tag()}: 128 bits, far beyond any chance of collision. */
  static final int TAG_LENGTH = 32;

  private final String value;

  private ContentKey(String value) {
    this.value = value;
  }

  /**
   * A key from its 64 lower-case hex digits.
   *
   * @throws IllegalArgumentException for anything else
   */
  public static ContentKey of(String hex64) {
    if (!isValid(hex64)) {
      throw new IllegalArgumentException(
          "Invalid content key '" + Printable.of(hex64) + "': expected 64 lower-case hex digits");
    }
    return new ContentKey(hex64);
  }

  /** True when {@link #of} would accept {@code hex64}. */
  public static boolean isValid(String hex64) {
    return hex64 != null && HEX64.matcher(hex64).matches();
  }

  /** The 64 lower-case hex digits of the sha256. */
  public String value() {
    return value;
  }

  /** The first 32 hex digits, used as the Docker tag of the image. */
  public String tag() {
    return value.substring(0, TAG_LENGTH);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof ContentKey && ((ContentKey) other).value.equals(value);
  }

  @Override
  public int hashCode() {
    return value.hashCode();
  }

  @Override
  public String toString() {
    return value;
  }
}
