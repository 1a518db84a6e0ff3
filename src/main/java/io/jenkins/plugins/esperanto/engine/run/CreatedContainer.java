package io.jenkins.plugins.esperanto.engine.run;

import java.nio.file.Path;
import java.util.Optional;

/**
 * A container created (not started) with the user mapping applied.
 *
 * @param id the container id
 * @param accounts the merged account files and what the user is called in the container
 * @param accountsDir the host folder holding bind-mounted account files (read-only root only)
 */
record CreatedContainer(String id, AccountDatabase.Merged accounts, Optional<Path> accountsDir) {}
