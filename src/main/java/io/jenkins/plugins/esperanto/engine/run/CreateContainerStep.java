package io.jenkins.plugins.esperanto.engine.run;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.CreateContainerCmd;
import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.exception.NotFoundException;
import io.jenkins.plugins.esperanto.engine.api.Printable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Consumer;

/**
 * Creates a container for a {@link SessionSpec} with the caller's user mapped in, ready to be
 * started. On any failure nothing is left behind.
 *
 * <p>User mapping: the container runs as numeric {@code uid:gid} (plus supplementary groups
 * through {@code GroupAdd}). The image's {@code /etc/passwd} and {@code /etc/group} are read
 * from the created container, merged with the caller's entries ({@link AccountDatabase}) and
 * written back together with a home directory owned by the caller, before the container
 * starts. {@code HOME} is set in the container's environment. The image's files are cached by
 * image ID ({@link ImageAccountsCache}), so from the second run of an image on, the merge
 * happens before the container is created and only one archive request (the write) remains.
 * On a first run, when the merged home differs from the first guess (the image already knows
 * the uid), the container is re-created with the right {@code HOME}. With a read-only root filesystem the archive endpoint refuses to
 * write, so a throw-away container is read instead and the merged files are bind-mounted from
 * a host folder, with a tmpfs owned by the user as home.
 */
final class CreateContainerStep implements Callable<CreatedContainer> {
  private final DockerClient docker;
  private final SessionSpec spec;
  private final ContainerShape shape;
  private final Consumer<String> log;

  CreateContainerStep(DockerClient docker, SessionSpec spec, ContainerShape shape, Consumer<String> log) {
    this.docker = docker;
    this.spec = spec;
    this.shape = shape;
    this.log = log;
  }

  @Override
  public CreatedContainer call() throws ContainerRunException {
    checkHostPaths();
    // The ID, not the reference, is used from here on: the cache below is keyed by it, and a
    // tag moved meanwhile must not pair one image's accounts with another image.
    String imageId = imageId();
    Optional<ImageAccountsCache.ImageAccounts> known = ImageAccountsCache.get(imageId);
    if (spec.readOnlyRoot()) {
      ImageAccountsCache.ImageAccounts accounts =
          known.isPresent() ? known.get() : readWithProbe(imageId);
      return createWithBoundAccounts(imageId, merge(accounts));
    }
    if (known.isPresent()) {
      AccountDatabase.Merged merged = merge(known.get());
      String id = create(imageId, home(merged), Optional.empty(), null);
      return copyAccounts(id, merged);
    }
    return createReadingAccounts(imageId);
  }

  /** First run of an image: its files are read from the container just created, then cached. */
  private CreatedContainer createReadingAccounts(String imageId) throws ContainerRunException {
    String homeGuess = explicitHome().orElse(spec.user().home());
    String id = create(imageId, homeGuess, Optional.empty(), null);
    AccountDatabase.Merged merged;
    try {
      merged = merge(read(new ContainerFiles(docker, id), imageId));
    } catch (IOException | DockerException e) {
      RemoveContainerStep.quietly(docker, id);
      throw failure("read the accounts of", id, e);
    }
    if (!home(merged).equals(homeGuess)) {
      RemoveContainerStep.quietly(docker, id);
      id = create(imageId, home(merged), Optional.empty(), null);
    }
    return copyAccounts(id, merged);
  }

  private CreatedContainer copyAccounts(String id, AccountDatabase.Merged merged)
      throws ContainerRunException {
    try {
      ContainerFiles files = new ContainerFiles(docker, id);
      ContainerFiles.TarBuilder tar =
          new ContainerFiles.TarBuilder()
              .file("/etc/passwd", merged.passwd(), 0644)
              .file("/etc/group", merged.group(), 0644);
      if (!merged.homeFromImage() || !homeOwnedByUser(files, merged.home())) {
        tar.directory(merged.home(), spec.user().uid(), spec.user().gid(), 0755);
      }
      files.writeTar(tar.build());
      return new CreatedContainer(id, merged, Optional.empty());
    } catch (IOException | DockerException e) {
      RemoveContainerStep.quietly(docker, id);
      throw failure("map the user " + spec.user().numericUser() + " into", id, e);
    } catch (RuntimeException e) {
      RemoveContainerStep.quietly(docker, id);
      throw e;
    }
  }

  private ImageAccountsCache.ImageAccounts readWithProbe(String imageId) throws ContainerRunException {
    String probe = create(imageId, spec.user().home(), Optional.empty(), "probe");
    try {
      return read(new ContainerFiles(docker, probe), imageId);
    } catch (IOException | DockerException e) {
      throw failure("read the accounts of", probe, e);
    } finally {
      RemoveContainerStep.quietly(docker, probe);
    }
  }

  private CreatedContainer createWithBoundAccounts(String imageId, AccountDatabase.Merged merged)
      throws ContainerRunException {
    Path dir = null;
    try {
      dir = AccountsFolder.write(merged);
      String id = create(imageId, home(merged), Optional.of(dir), null);
      return new CreatedContainer(id, merged, Optional.of(dir));
    } catch (IOException e) {
      AccountsFolder.delete(dir);
      throw failure("write the account files for", null, e);
    } catch (ContainerRunException | RuntimeException e) {
      AccountsFolder.delete(dir);
      throw e;
    }
  }

  private String imageId() throws ContainerRunException {
    try {
      return docker.inspectImageCmd(spec.imageReference()).exec().getId();
    } catch (NotFoundException e) {
      throw new MissingImageException(spec.imageReference(), e);
    } catch (DockerException e) {
      throw failure("inspect", null, e);
    }
  }

  private static ImageAccountsCache.ImageAccounts read(ContainerFiles files, String imageId)
      throws IOException {
    ImageAccountsCache.ImageAccounts accounts = new ImageAccountsCache.ImageAccounts(
        files.read("/etc/passwd").orElse(null), files.read("/etc/group").orElse(null));
    ImageAccountsCache.put(imageId, accounts);
    return accounts;
  }

  private AccountDatabase.Merged merge(ImageAccountsCache.ImageAccounts accounts) {
    AccountDatabase.Merged merged = AccountDatabase.merge(accounts.passwd(), accounts.group(), spec.user());
    if (!merged.userName().equals(spec.user().name())) {
      // Said once per container, so that a surprising `whoami` has an explanation in the log.
      log.accept("User " + spec.user().name() + " (" + spec.user().numericUser() + ") is '"
          + merged.userName() + "' in " + spec.imageReference() + ", with HOME " + home(merged));
    }
    return merged;
  }

  private String home(AccountDatabase.Merged merged) {
    return explicitHome().orElse(merged.home());
  }

  private boolean homeOwnedByUser(ContainerFiles files, String home) throws IOException {
    return files.ownerOf(home).map(uid -> uid == spec.user().uid()).orElse(false);
  }

  private Optional<String> explicitHome() {
    return Optional.ofNullable(spec.env().get("HOME"));
  }

  /** Creates the container; {@code accountsDir} set means bind-mounted accounts (read-only root). */
  private String create(String imageId, String home, Optional<Path> accountsDir, String roleOverride)
      throws ContainerRunException {
    CreateContainerCmd cmd = new ContainerConfig(spec, shape)
        .apply(docker.createContainerCmd(imageId), home, accountsDir, roleOverride);
    try {
      return cmd.exec().getId();
    } catch (NotFoundException e) {
      if (String.valueOf(e.getMessage()).toLowerCase().contains("image")) {
        throw new MissingImageException(spec.imageReference(), e);
      }
      throw failure("create a container of", null, e);
    } catch (DockerException e) {
      throw failure("create a container of", null, e);
    }
  }

  /** Host paths are checked first: Docker would otherwise create a missing one, owned by root. */
  private void checkHostPaths() throws MissingMountSourceException {
    for (Mount m : spec.mounts()) {
      if (m.kind() == Mount.Kind.LOCAL_PATH && !Files.exists(Path.of(m.source()))) {
        throw new MissingMountSourceException("the folder", m.source(), spec.imageReference());
      }
    }
    for (DeviceMapping d : spec.devices()) {
      if (!Files.exists(Path.of(d.hostPath()))) {
        throw new MissingMountSourceException("the device", d.hostPath(), spec.imageReference());
      }
    }
  }

  private ContainerRunException failure(String action, String id, Exception e) {
    if (e instanceof ContainerRunException) {
      return (ContainerRunException) e;
    }
    return new ContainerRunException(
        "Tried to " + action + " image '" + spec.imageReference() + "' but failed because "
            + Printable.of(String.valueOf(e.getMessage()).replace('\n', ' ').trim())
            + "; check the image and the run options",
        spec.imageReference(), id, e);
  }
}
