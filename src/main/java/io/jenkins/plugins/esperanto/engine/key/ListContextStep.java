package io.jenkins.plugins.esperanto.engine.key;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * Lists what {@code docker build} would send from a context folder: walks it without following
 * symbolic links, applies the {@code .dockerignore}, and returns the entries sorted by path in byte
 * order. Only metadata is held, never content, so memory grows with the number of paths, not with
 * their size.
 */
final class ListContextStep implements Callable<List<ContextEntry>> {
  private final Path contextDir;
  private final DockerIgnore ignore;

  ListContextStep(Path contextDir, DockerIgnore ignore) {
    this.contextDir = contextDir;
    this.ignore = ignore;
  }

  @Override
  public List<ContextEntry> call() throws BuildContextException {
    List<ContextEntry> entries = new ArrayList<>();
    walk(contextDir, "", null, entries);
    entries.sort((a, b) -> SlashPath.compareBytewise(a.relativePath, b.relativePath));
    return entries;
  }

  private void walk(
      Path directory, String relativeDir, DockerIgnore.Verdict parent, List<ContextEntry> out)
      throws BuildContextException {
    List<Path> children = new ArrayList<>();
    try (DirectoryStream<Path> stream = Files.newDirectoryStream(directory)) {
      for (Path child : stream) {
        children.add(child);
      }
    } catch (IOException e) {
      throw unreadable(directory, e);
    }
    for (Path child : children) {
      String name = FileNames.nameOf(child);
      String relative = relativeDir.isEmpty() ? name : relativeDir + "/" + name;
      BasicFileAttributes attributes = attributes(child);
      DockerIgnore.Verdict verdict = ignore.evaluate(relative, parent);
      if (attributes.isDirectory()) {
        if (!verdict.excluded) {
          out.add(ContextEntry.directory(relative, child));
        }
        if (!verdict.excluded || ignore.entersExcludedDirectory(relative)) {
          walk(child, relative, verdict, out);
        }
      } else if (verdict.excluded) {
        continue;
      } else if (attributes.isRegularFile()) {
        out.add(
            ContextEntry.file(
                relative, child, attributes.size(), ownerExecutable(child, attributes)));
      } else if (attributes.isSymbolicLink()) {
        out.add(ContextEntry.symlink(relative, child, linkTarget(child)));
      } else {
        throw new BuildContextException(
            child,
            "Tried to archive the build context but "
                + child
                + " is a socket, FIFO or device, which a Docker build context cannot hold;"
                + " remove it or add it to .dockerignore");
      }
    }
  }

  private static BasicFileAttributes attributes(Path path) throws BuildContextException {
    try {
      try {
        return Files.readAttributes(path, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
      } catch (UnsupportedOperationException e) {
        return Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
      }
    } catch (IOException e) {
      throw unreadable(path, e);
    }
  }

  private static boolean ownerExecutable(Path path, BasicFileAttributes attributes) {
    if (attributes instanceof PosixFileAttributes) {
      return ((PosixFileAttributes) attributes)
          .permissions()
          .contains(PosixFilePermission.OWNER_EXECUTE);
    }
    return Files.isExecutable(path);
  }

  private static String linkTarget(Path link) throws BuildContextException {
    try {
      return FileNames.linkTarget(link, Files.readSymbolicLink(link));
    } catch (IOException e) {
      throw unreadable(link, e);
    }
  }

  static BuildContextException unreadable(Path path, IOException e) {
    String why = e instanceof AccessDeniedException ? "permission denied" : String.valueOf(e);
    return new BuildContextException(
        path,
        "Tried to archive the build context but could not read "
            + path
            + " ("
            + why
            + "); fix its permissions or add it to .dockerignore",
        e);
  }
}
