package io.jenkins.plugins.esperanto.engine.squash;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * One tar entry's metadata, as read from or written to a layer. Names are kept as ISO-8859-1
 * strings (one char per byte), so that any byte sequence in a path survives a round trip and
 * ordering by {@link String#compareTo} is ordering by bytes. PAX records that the codec does not
 * interpret itself (xattrs, fractional times, vendor keys) are kept verbatim, as bytes.
 */
final class TarHeader {
  static final char REGULAR = '0';
  static final char HARD_LINK = '1';
  static final char SYMLINK = '2';
  static final char DIRECTORY = '5';

  final String name;
  final char type;
  final long mode;
  final long uid;
  final long gid;
  final long size;
  final long mtime;
  final String linkName;
  final String userName;
  final String groupName;
  final long devMajor;
  final long devMinor;
  /** Uninterpreted PAX records, sorted by key; values are raw bytes. */
  final Map<String, byte[]> pax;
  /** Where the entry's data starts in the file it was read from; -1 when not read from a file. */
  final long dataOffset;

  TarHeader(String name, char type, long mode, long uid, long gid, long size, long mtime,
      String linkName, String userName, String groupName, long devMajor, long devMinor,
      Map<String, byte[]> pax, long dataOffset) {
    this.name = Objects.requireNonNull(name);
    this.type = type;
    this.mode = mode;
    this.uid = uid;
    this.gid = gid;
    this.size = size;
    this.mtime = mtime;
    this.linkName = Objects.requireNonNull(linkName);
    this.userName = Objects.requireNonNull(userName);
    this.groupName = Objects.requireNonNull(groupName);
    this.devMajor = devMajor;
    this.devMinor = devMinor;
    this.pax = Collections.unmodifiableMap(new TreeMap<>(pax));
    this.dataOffset = dataOffset;
  }

  /** A synthesized, empty regular file with fixed metadata (whiteouts, opaque markers). */
  static TarHeader marker(String name) {
    return new TarHeader(name, REGULAR, 0, 0, 0, 0, 0, "", "", "", 0, 0, Map.of(), -1);
  }

  /** A directory entry with fixed metadata, for tests and synthesized parents. */
  static TarHeader directory(String name, long mode) {
    return new TarHeader(name, DIRECTORY, mode, 0, 0, 0, 0, "", "", "", 0, 0, Map.of(), -1);
  }

  /** The same entry renamed; used to normalise {@code ./} prefixes and trailing slashes. */
  TarHeader withName(String newName) {
    return new TarHeader(newName, type, mode, uid, gid, size, mtime, linkName, userName,
        groupName, devMajor, devMinor, pax, dataOffset);
  }

  /** The same metadata as another kind of entry (a hard link turned into a file, or back). */
  TarHeader as(char newType, long newSize, String newLinkName, long major, long minor) {
    return new TarHeader(name, newType, mode, uid, gid, newSize, mtime, newLinkName, userName,
        groupName, major, minor, pax, -1);
  }

  boolean isDirectory() {
    return type == DIRECTORY;
  }

  /** The last path component. */
  String baseName() {
    return name.substring(name.lastIndexOf('/') + 1);
  }

  /** The parent path, empty for an entry at the root. */
  String parent() {
    int slash = name.lastIndexOf('/');
    return slash < 0 ? "" : name.substring(0, slash);
  }

  @Override
  public String toString() {
    return type + " " + name + (linkName.isEmpty() ? "" : " -> " + linkName);
  }
}
