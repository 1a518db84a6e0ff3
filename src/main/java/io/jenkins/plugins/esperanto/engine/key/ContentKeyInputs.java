package io.jenkins.plugins.esperanto.engine.key;

import io.jenkins.plugins.esperanto.engine.api.Printable;
import io.jenkins.plugins.esperanto.engine.api.SquashMode;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Everything that determines an image, and its {@link ContentKey}.
 *
 * <p>The key is the sha256 of an unambiguous encoding: the format version, then each field as a tag
 * and a value, every string written as its UTF-8 length (8 bytes, big-endian) and bytes, so that no
 * two different inputs encode alike ({@code a=bc} and {@code ab=c} differ). Build args are sorted
 * by name. The Dockerfile is not a field of its own: it travels in the context tar (after any
 * {@code FROM} pinning), so the context digest covers it.
 */
public final class ContentKeyInputs {
  /**
   * Changes whenever the encoding below or the bytes of the context tar change meaning; every key
   * changes with it, so that keys of different formats never meet.
   */
  public static final String FORMAT_VERSION = "esperanto-key-v1";

  private final String contextSha256;
  private final Map<String, String> buildArgs;
  private final Optional<String> target;
  private final List<String> parents;
  private final SquashMode squashMode;

  private ContentKeyInputs(Builder builder) {
    this.contextSha256 = builder.contextSha256;
    this.buildArgs = Collections.unmodifiableMap(new TreeMap<>(builder.buildArgs));
    this.target = builder.target;
    this.parents = List.copyOf(builder.parents);
    this.squashMode = builder.squashMode;
  }

  /**
   * Starts the inputs of one image.
   *
   * @param contextSha256 {@link ContextArchive#sha256()} of the context as it is sent
   * @throws IllegalArgumentException when it is not 64 lower-case hex digits
   */
  public static Builder builder(String contextSha256) {
    if (!ContentKey.isValid(contextSha256)) {
      throw new IllegalArgumentException(
          "Invalid context digest '"
              + Printable.of(contextSha256)
              + "': expected 64 lower-case hex digits");
    }
    return new Builder(contextSha256);
  }

  /** The key: the sha256 of the canonical encoding of these inputs. */
  public ContentKey computeKey() {
    MessageDigest digest = HashingOutputStream.sha256();
    put(digest, FORMAT_VERSION);
    put(digest, "context");
    put(digest, contextSha256);
    put(digest, "build-args");
    putCount(digest, buildArgs.size());
    for (Map.Entry<String, String> arg : buildArgs.entrySet()) {
      put(digest, arg.getKey());
      put(digest, arg.getValue());
    }
    put(digest, "target");
    putCount(digest, target.isPresent() ? 1 : 0);
    target.ifPresent(t -> put(digest, t));
    put(digest, "parents");
    putCount(digest, parents.size());
    for (String parent : parents) {
      put(digest, parent);
    }
    put(digest, "squash");
    put(digest, squashMode.yamlName());
    return ContentKey.of(HexFormat.of().formatHex(digest.digest()));
  }

  private static void put(MessageDigest digest, String value) {
    byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
    putCount(digest, bytes.length);
    digest.update(bytes);
  }

  private static void putCount(MessageDigest digest, long count) {
    digest.update(ByteBuffer.allocate(Long.BYTES).putLong(count).array());
  }

  public String contextSha256() {
    return contextSha256;
  }

  /** Build args, sorted by name. */
  public Map<String, String> buildArgs() {
    return buildArgs;
  }

  public Optional<String> target() {
    return target;
  }

  /** One identity per parent image, in FROM order. */
  public List<String> parents() {
    return parents;
  }

  public SquashMode squashMode() {
    return squashMode;
  }

  @Override
  public boolean equals(Object other) {
    if (!(other instanceof ContentKeyInputs)) {
      return false;
    }
    ContentKeyInputs that = (ContentKeyInputs) other;
    return contextSha256.equals(that.contextSha256)
        && buildArgs.equals(that.buildArgs)
        && target.equals(that.target)
        && parents.equals(that.parents)
        && squashMode == that.squashMode;
  }

  @Override
  public int hashCode() {
    return Objects.hash(contextSha256, buildArgs, target, parents, squashMode);
  }

  /** Names the build args but not their values, which may be sensitive. */
  @Override
  public String toString() {
    return "ContentKeyInputs[context="
        + contextSha256
        + ", buildArgs="
        + buildArgs.keySet()
        + ", target="
        + target.orElse("-")
        + ", parents="
        + parents
        + ", squash="
        + squashMode.yamlName()
        + "]";
  }

  /** Collects the inputs; the context digest is required, the rest defaults to empty/none. */
  public static final class Builder {
    private final String contextSha256;
    private final Map<String, String> buildArgs = new TreeMap<>();
    private Optional<String> target = Optional.empty();
    private final List<String> parents = new ArrayList<>();
    private SquashMode squashMode = SquashMode.NONE;

    private Builder(String contextSha256) {
      this.contextSha256 = contextSha256;
    }

    /** Adds or replaces one build arg. */
    public Builder buildArg(String name, String value) {
      buildArgs.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, name));
      return this;
    }

    /** Adds or replaces build args. */
    public Builder buildArgs(Map<String, String> args) {
      args.forEach(this::buildArg);
      return this;
    }

    /** The target stage, if the build stops at one. */
    public Builder target(Optional<String> target) {
      this.target = Objects.requireNonNull(target, "target");
      return this;
    }

    /**
     * Appends the identity of the next parent image: a catalog parent's content key, or an external
     * image's ID or digest. One per FROM that is neither an earlier stage nor scratch.
     */
    public Builder parent(String identity) {
      if (identity == null || identity.isEmpty()) {
        throw new IllegalArgumentException("A parent identity must not be empty");
      }
      parents.add(identity);
      return this;
    }

    /** How the image is squashed; {@link SquashMode#NONE} unless set. */
    public Builder squashMode(SquashMode mode) {
      this.squashMode = Objects.requireNonNull(mode, "mode");
      return this;
    }

    public ContentKeyInputs build() {
      return new ContentKeyInputs(this);
    }
  }
}
