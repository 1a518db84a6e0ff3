package io.jenkins.plugins.esperanto.engine.api;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The name of an image in the catalog: the folder {@code images/<name>/} and the last path
 * component of its repository. Validated before any file or Docker call, so that a name can
 * never traverse paths or inject anything into a reference.
 */
public final class ImageName implements Comparable<ImageName> {
  private static final Pattern VALID = Pattern.compile("[a-z0-9][a-z0-9._-]*");
  static final int MAX_LENGTH = 128;

  private final String value;

  private ImageName(String value) {
    this.value = value;
  }

  /**
   * Parses a user-supplied name.
   *
   * @throws InvalidImageNameException when it is not {@code [a-z0-9][a-z0-9._-]*} of at most
   *     128 characters
   */
  public static ImageName of(String value) throws InvalidImageNameException {
    if (value == null || value.length() > MAX_LENGTH || !VALID.matcher(value).matches()) {
      throw new InvalidImageNameException(value);
    }
    return new ImageName(value);
  }

  /** True when {@code value} would be accepted by {@link #of}. */
  public static boolean isValid(String value) {
    return value != null && value.length() <= MAX_LENGTH && VALID.matcher(value).matches();
  }

  public String value() {
    return value;
  }

  @Override
  public int compareTo(ImageName other) {
    return value.compareTo(other.value);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof ImageName && ((ImageName) other).value.equals(value);
  }

  @Override
  public int hashCode() {
    return Objects.hash(value);
  }

  @Override
  public String toString() {
    return value;
  }
}
