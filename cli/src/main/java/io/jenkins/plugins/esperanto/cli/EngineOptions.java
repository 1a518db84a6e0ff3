package io.jenkins.plugins.esperanto.cli;

import com.github.dockerjava.api.DockerClient;
import io.jenkins.plugins.esperanto.engine.api.EsperantoException;
import io.jenkins.plugins.esperanto.engine.api.ImageName;
import io.jenkins.plugins.esperanto.engine.catalog.Catalog;
import io.jenkins.plugins.esperanto.engine.docker.DockerConnection;
import io.jenkins.plugins.esperanto.engine.docker.DockerEndpoint;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Option;

/** Options every command that touches the catalog or the Docker Engine shares. */
final class EngineOptions {
  static final String DEFAULT_REPOSITORY = "esperanto";

  @Option(names = "--catalog", paramLabel = "DIR",
      description = "Image catalog folder (default: $ESPERANTO_CATALOG, else ./images).")
  Path catalog;

  @Option(names = "--repository", paramLabel = "REPO",
      description = "Repository prefix for image tags (default: $ESPERANTO_REPOSITORY, else esperanto).")
  String repository;

  @Option(names = "--docker-host", paramLabel = "URL",
      description = "Docker Engine address (default: $DOCKER_HOST, else unix:///var/run/docker.sock).")
  String dockerHost;

  Catalog loadCatalog() throws EsperantoException {
    Path dir = catalog != null ? catalog
        : Optional.ofNullable(System.getenv("ESPERANTO_CATALOG")).filter(s -> !s.isBlank()).map(Path::of)
            .orElse(Path.of("images"));
    return Catalog.load(dir);
  }

  String repository() {
    return Optional.ofNullable(repository)
        .or(() -> Optional.ofNullable(System.getenv("ESPERANTO_REPOSITORY")))
        .filter(s -> !s.isBlank())
        .map(s -> s.endsWith("/") ? s.substring(0, s.length() - 1) : s)
        .orElse(DEFAULT_REPOSITORY);
  }

  DockerClient connect() throws EsperantoException {
    return connect("--docker-host", Optional.ofNullable(dockerHost));
  }

  /**
   * Connects to the engine named by {@code flag} (the option {@code flagName}), else by {@code DOCKER_HOST},
   * else the default socket: the one place the CLI resolves that address, so that every connection of the
   * command reaches it.
   */
  static DockerClient connect(String flagName, Optional<String> flag) throws EsperantoException {
    DockerEndpoint endpoint = DockerEndpoint.resolve(flagName, flag, System.getenv());
    ProcessCleanup.using(endpoint);
    return DockerConnection.connect(endpoint);
  }

  /** This process's own temporary folder, removed when it ends, even on SIGINT or SIGTERM. */
  Path tempDir() throws EsperantoException {
    return privateTempDir(Path.of(System.getProperty("java.io.tmpdir")));
  }

  /** A private folder under {@code base} for this process's temporary files ({@link ProcessCleanup}). */
  static Path privateTempDir(Path base) throws EsperantoException {
    try {
      return ProcessCleanup.tempDirUnder(base);
    } catch (java.io.IOException e) {
      throw new EsperantoException("Tried to create a temporary folder under " + base + " but failed because "
          + e.getMessage() + "; point java.io.tmpdir (or --temp-dir) at a writable folder");
    }
  }

  /** Validates every name before anything else happens. */
  static List<ImageName> names(Collection<String> values) throws EsperantoException {
    List<ImageName> names = new ArrayList<>();
    for (String value : values) {
      names.add(ImageName.of(value));
    }
    return names;
  }
}
