package io.jenkins.plugins.esperanto.engine.build;

import io.jenkins.plugins.esperanto.engine.api.SquashMode;
import java.util.Optional;

/** Per-invocation build policies: cache use, base pulls and a squash override. */
public final class BuildOptions {
  private final boolean noCache;
  private final boolean pull;
  private final SquashMode squashOverride;

  private BuildOptions(boolean noCache, boolean pull, SquashMode squashOverride) {
    this.noCache = noCache;
    this.pull = pull;
    this.squashOverride = squashOverride;
  }

  public static BuildOptions defaults() {
    return new BuildOptions(false, false, null);
  }

  public static BuildOptions of(boolean noCache, boolean pull, Optional<SquashMode> squashOverride) {
    return new BuildOptions(noCache, pull, squashOverride.orElse(null));
  }

  /** Ignore Docker's layer cache ({@code --no-cache}). */
  public boolean noCache() {
    return noCache;
  }

  /** Ask Docker to pull newer versions of external FROM images ({@code --pull}). */
  public boolean pull() {
    return pull;
  }

  /** Squash mode to use instead of each image's {@code build.squash}. */
  public Optional<SquashMode> squashOverride() {
    return Optional.ofNullable(squashOverride);
  }
}
