package io.jenkins.plugins.esperanto.engine.run;

import java.io.IOException;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Who a container runs as: the numeric uid, gid and supplementary gids of a caller, plus the
 * names and home directory to give that user inside the container.
 *
 * <p>Immutable and serializable, so that a Jenkins agent can compute it once and send it along
 * with a step.
 */
public final class UserIdentity implements Serializable {
  private static final long serialVersionUID = 1L;
  /** What the JVM puts in {@code user.name} and {@code user.home} when getpwuid finds nothing. */
  static final String UNKNOWN_ACCOUNT = "?";

  private final int uid;
  private final int gid;
  private final List<Integer> groups;
  private final String name;
  private final String groupName;
  private final String home;

  private UserIdentity(
      int uid, int gid, List<Integer> groups, String name, String groupName, String home) {
    if (uid < 0 || gid < 0) {
      throw new IllegalArgumentException("uid and gid must not be negative: " + uid + ":" + gid);
    }
    this.uid = uid;
    this.gid = gid;
    this.groups = List.copyOf(groups);
    this.name = requireAccountName(name, "user name");
    this.groupName = requireAccountName(groupName, "group name");
    if (!home.startsWith("/") || home.contains(":") || home.contains("\n")) {
      throw new IllegalArgumentException("home must be an absolute path without ':': " + home);
    }
    this.home = home;
  }

  /**
   * An identity from explicit values; the home directory is {@code /home/<name>}.
   *
   * @param groups supplementary gids (the primary gid may be repeated; it is ignored there)
   */
  public static UserIdentity of(
      int uid, int gid, List<Integer> groups, String name, String groupName) {
    return new UserIdentity(uid, gid, groups, name, groupName, "/home/" + name);
  }

  /**
   * The identity of this very process, read from {@code /proc/self/status} (effective uid and
   * gid, supplementary groups), with names from {@code /etc/passwd} and {@code /etc/group}.
   *
   * <p>Reading the kernel's view of this process, rather than running {@code id -u} somewhere,
   * is what makes it right for the Jenkins agent process itself, for rootless Docker and for
   * agents inside containers. The user name falls back to the {@code user.name} property (which
   * also asks NSS) and then to {@code user<uid>}; the group name to {@code group<gid>}. The
   * JVM sets {@code user.name} to {@code ?} for a uid without an account, which is no name.
   *
   * @throws IllegalStateException when {@code /proc/self/status} cannot be read (not Linux)
   */
  public static UserIdentity ofCurrentProcess() {
    String status;
    try {
      status = Files.readString(Path.of("/proc/self/status"), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException("Cannot read /proc/self/status; is this Linux?", e);
    }
    int uid = Integer.parseInt(statusField(status, "Uid").get(1));
    int gid = Integer.parseInt(statusField(status, "Gid").get(1));
    List<Integer> groups = new ArrayList<>();
    for (String g : statusField(status, "Groups")) {
      groups.add(Integer.parseInt(g));
    }
    String name =
        AccountDatabase.nameOfId(Path.of("/etc/passwd"), 2, uid)
            .or(() -> Optional.ofNullable(System.getProperty("user.name"))
                .filter(n -> !n.equals(UNKNOWN_ACCOUNT)))
            .filter(UserIdentity::isAccountName)
            .orElse("user" + uid);
    String groupName =
        AccountDatabase.nameOfId(Path.of("/etc/group"), 2, gid)
            .filter(UserIdentity::isAccountName)
            .orElse("group" + gid);
    return of(uid, gid, groups, name, groupName);
  }

  /** A copy with another home directory (an absolute path). */
  public UserIdentity withHome(String newHome) {
    return new UserIdentity(uid, gid, groups, name, groupName, newHome);
  }

  /** Numeric user id. */
  public int uid() {
    return uid;
  }

  /** Numeric primary group id. */
  public int gid() {
    return gid;
  }

  /** Supplementary gids, as the kernel reports them (may include the primary gid). */
  public List<Integer> groups() {
    return groups;
  }

  /** User name to use when the image does not already name the uid. */
  public String name() {
    return name;
  }

  /** Group name to use when the image does not already name the gid. */
  public String groupName() {
    return groupName;
  }

  /** The home directory to use when the image has none for this uid. */
  public String home() {
    return home;
  }

  /** {@code uid:gid}, the form the Engine API takes as container user. */
  public String numericUser() {
    return uid + ":" + gid;
  }

  /** True for a name that can be written into /etc/passwd or /etc/group as is. */
  static boolean isAccountName(String value) {
    return value != null
        && !value.isEmpty()
        && value.length() <= 64
        && value.chars().allMatch(c -> c > ' ' && c < 127 && c != ':' && c != ',');
  }

  private static String requireAccountName(String value, String what) {
    if (!isAccountName(value)) {
      throw new IllegalArgumentException(
          "Invalid " + what + " '" + value + "': expected 1-64 printable characters without ':' or ','");
    }
    return value;
  }

  private static List<String> statusField(String status, String field) {
    for (String line : status.split("\n")) {
      if (line.startsWith(field + ":")) {
        String values = line.substring(field.length() + 1).trim();
        return values.isEmpty() ? List.of() : List.of(values.split("\\s+"));
      }
    }
    throw new IllegalStateException("/proc/self/status has no " + field + " line");
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof UserIdentity)) {
      return false;
    }
    UserIdentity other = (UserIdentity) o;
    return uid == other.uid
        && gid == other.gid
        && groups.equals(other.groups)
        && name.equals(other.name)
        && groupName.equals(other.groupName)
        && home.equals(other.home);
  }

  @Override
  public int hashCode() {
    return Objects.hash(uid, gid, groups, name, groupName, home);
  }

  @Override
  public String toString() {
    return name + "(" + uid + "):" + groupName + "(" + gid + ") groups=" + groups + " home=" + home;
  }
}
