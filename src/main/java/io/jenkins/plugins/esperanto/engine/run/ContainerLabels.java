package io.jenkins.plugins.esperanto.engine.run;

/**
 * Labels put on every container the engine creates. The owner labels let {@link
 * ContainerReaper} tell an orphan (its owner process is gone) from a container in use.
 */
public final class ContainerLabels {
  /** Present on every container we create; its value says which kind ({@code session}, {@code run}). */
  public static final String ROLE = "io.esperanto.role";
  /** Process id of the JVM that created the container. */
  public static final String OWNER_PID = "io.esperanto.owner-pid";
  /** Host name of that JVM (from the kernel, so an agent inside a container names that container). */
  public static final String OWNER_HOST = "io.esperanto.owner-host";
  /** Start time of that process in clock ticks after boot, to survive pid reuse. */
  public static final String OWNER_START = "io.esperanto.owner-start";
  /** Kernel boot id at creation, so that a reboot makes every earlier owner gone. */
  public static final String OWNER_BOOT = "io.esperanto.owner-boot";
  /**
   * Machine id ({@code /etc/machine-id}) of that JVM, so that a reboot of this machine is told
   * from another machine with the same host name.
   */
  public static final String OWNER_MACHINE = "io.esperanto.owner-machine";
  /**
   * PID namespace of that JVM ({@code /proc/self/ns/pid}, e.g. {@code pid:[4026531836]}): its
   * owner pid only means something to a process in the same namespace.
   */
  public static final String OWNER_PIDNS = "io.esperanto.owner-pidns";
  /** The image reference the container was created from. */
  public static final String IMAGE = "io.esperanto.image";
  /** ISO-8601 instant the container was created. */
  public static final String STARTED = "io.esperanto.started";

  /** Host folder of bind-mounted account files (read-only root), removed with the container. */
  public static final String ACCOUNTS_DIR = "io.esperanto.accounts-dir";

  private ContainerLabels() {}
}
