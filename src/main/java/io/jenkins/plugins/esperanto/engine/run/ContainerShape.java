package io.jenkins.plugins.esperanto.engine.run;

import java.util.List;
import java.util.Optional;

/**
 * What differs between the containers the engine creates from one {@link SessionSpec}: a
 * session's keep-alive container versus a run's one-shot container.
 *
 * @param role value of {@link ContainerLabels#ROLE}
 * @param entrypoint replaces the image's entrypoint when present ({@code [""]} clears it)
 * @param args arguments to the entrypoint; empty means the image's {@code CMD}
 * @param init whether Docker's init runs as PID 1 (reaps zombies, forwards signals)
 * @param stdin whether the container's stdin is kept open
 * @param stdinOnce whether the stdin closes once the first attached client detaches
 * @param tty whether a terminal is allocated
 */
record ContainerShape(String role, Optional<List<String>> entrypoint, List<String> args,
    boolean init, boolean stdin, boolean stdinOnce, boolean tty) {}
