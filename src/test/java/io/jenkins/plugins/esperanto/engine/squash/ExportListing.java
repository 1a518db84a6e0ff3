package io.jenkins.plugins.esperanto.engine.squash;

import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * The listing of a {@code docker export} stream, read with commons-compress (not with the
 * squasher's own tar code): per path its type, mode, uid, gid, size, content sha256, link
 * target, xattrs, device numbers, mtime for files, and the other paths sharing its inode.
 */
final class ExportListing {
  /** Files the daemon creates in every container; their mtimes are the container's. */
  private static final Set<String> CONTAINER_FILES = Set.of(".dockerenv", "etc/hosts",
      "etc/hostname", "etc/resolv.conf", "etc/mtab", "dev/console");

  private ExportListing() {}

  static List<String> of(InputStream export) throws IOException {
    Map<String, String> lines = new TreeMap<>();
    Map<String, Set<String>> groups = new TreeMap<>();
    Map<String, String> content = new TreeMap<>();
    try (TarArchiveInputStream tar = new TarArchiveInputStream(export, "UTF-8")) {
      for (TarArchiveEntry e = tar.getNextEntry(); e != null; e = tar.getNextEntry()) {
        String path = OverlayTree.normalize(e.getName());
        String type = e.isLink() ? "file" : e.isDirectory() ? "dir" : e.isSymbolicLink() ? "symlink"
            : e.isFIFO() ? "fifo" : e.isCharacterDevice() ? "char" : e.isBlockDevice() ? "block"
            : "file";
        String data;
        if (e.isLink()) {
          String target = OverlayTree.normalize(e.getLinkName());
          data = content.get(target);
          groups.computeIfAbsent(target, t -> new TreeSet<>(List.of(t))).add(path);
          groups.put(path, groups.get(target));
        } else {
          data = e.isFile() ? e.getSize() + ":" + sha256(tar) : "";
          content.put(path, data);
        }
        String xattrs = e.getExtraPaxHeaders().entrySet().stream()
            .filter(x -> x.getKey().startsWith("SCHILY.xattr."))
            .map(x -> x.getKey() + "=" + HexFormat.of().formatHex(
                x.getValue().getBytes(java.nio.charset.StandardCharsets.UTF_8)))
            .sorted().collect(Collectors.joining(","));
        boolean timed = !e.isDirectory() && !CONTAINER_FILES.contains(path);
        lines.put(path, type + " mode=" + Integer.toOctalString(e.getMode()) + " owner="
            + e.getLongUserId() + ":" + e.getLongGroupId() + " data=" + data + " link="
            + (e.isSymbolicLink() ? e.getLinkName() : "") + " dev=" + e.getDevMajor() + ","
            + e.getDevMinor() + " xattrs=" + xattrs
            + (timed ? " mtime=" + e.getModTime().getTime() / 1000 : ""));
      }
    }
    return lines.entrySet().stream()
        .map(l -> l.getKey() + " " + l.getValue()
            + (groups.containsKey(l.getKey()) ? " inode=" + groups.get(l.getKey()) : ""))
        .collect(Collectors.toList());
  }

  private static String sha256(InputStream in) throws IOException {
    MessageDigest digest = Digests.sha256();
    byte[] buffer = new byte[64 * 1024];
    for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
      digest.update(buffer, 0, n);
    }
    return HexFormat.of().formatHex(digest.digest());
  }
}
