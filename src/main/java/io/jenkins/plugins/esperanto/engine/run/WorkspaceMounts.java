package io.jenkins.plugins.esperanto.engine.run;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * How a container sees the caller's workspace. Usually the caller's paths are the Docker host's,
 * and the workspace is bound at its own path. When the caller itself runs in a container on the
 * same daemon, its paths exist only in that container: the mounts of that container holding the
 * workspace are shared instead, and no path the caller sees names a host path.
 */
public final class WorkspaceMounts {
  private final List<String> samePathFolders;
  private final Optional<String> callerContainer;
  private final List<Mount> shared;

  private WorkspaceMounts(List<String> samePathFolders, Optional<String> callerContainer, List<Mount> shared) {
    this.samePathFolders = List.copyOf(samePathFolders);
    this.callerContainer = callerContainer;
    this.shared = List.copyOf(shared);
  }

  /**
   * The workspace, and {@code siblings} (such as Jenkins' {@code @tmp} folder), bound at their own
   * paths: the caller's paths are the Docker host's.
   */
  public static WorkspaceMounts samePath(List<String> siblings) {
    return new WorkspaceMounts(siblings, Optional.empty(), List.of());
  }

  /**
   * The caller runs in container {@code containerId} on the same daemon; {@code mounts} are that
   * container's volumes and binds holding the workspace, mounted at the same places.
   */
  public static WorkspaceMounts sharedFromContainer(String containerId, List<Mount> mounts) {
    if (mounts.isEmpty()) {
      throw new IllegalArgumentException("no mounts of container " + containerId + " to share");
    }
    return new WorkspaceMounts(List.of(), Optional.of(containerId), mounts);
  }

  /**
   * Whether the caller's own paths (workspace, home) are paths of the Docker host; when not, a
   * bind source is a host path the caller cannot see, and none is the caller's own.
   */
  boolean callerPathsAreHostPaths() {
    return callerContainer.isEmpty();
  }

  /** The mounts that give a container {@code workspace}. */
  List<Mount> mounts(Path workspace) {
    if (callerContainer.isPresent()) {
      return shared;
    }
    List<Mount> mounts = new ArrayList<>(List.of(Mount.samePath(workspace.toString())));
    samePathFolders.forEach(folder -> mounts.add(Mount.samePath(folder)));
    return mounts;
  }

  @Override
  public String toString() {
    return callerContainer.map(id -> "shared from container " + id + ": " + shared)
        .orElse("same path, with " + samePathFolders);
  }
}
