package io.jenkins.plugins.esperanto.cli;

import com.github.dockerjava.api.DockerClient;
import io.jenkins.plugins.esperanto.engine.api.EsperantoException;
import io.jenkins.plugins.esperanto.engine.api.HostHome;
import io.jenkins.plugins.esperanto.engine.api.ImageName;
import io.jenkins.plugins.esperanto.engine.api.ImageResult;
import io.jenkins.plugins.esperanto.engine.api.Printable;
import io.jenkins.plugins.esperanto.engine.build.BuildOptions;
import io.jenkins.plugins.esperanto.engine.build.ImageBuilder;
import io.jenkins.plugins.esperanto.engine.catalog.Catalog;
import io.jenkins.plugins.esperanto.engine.catalog.CatalogImage;
import io.jenkins.plugins.esperanto.engine.run.RunContainerStep;
import io.jenkins.plugins.esperanto.engine.run.SessionSpec;
import io.jenkins.plugins.esperanto.engine.run.SessionSpecFactory;
import io.jenkins.plugins.esperanto.engine.run.UserIdentity;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/** What {@code run} and {@code shell} share: make the image available, then start it as the caller. */
final class ContainerLaunch {
  private static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

  private ContainerLaunch() {}

  static int launch(EngineOptions engine, Catalog catalog, RegistryOptions registry, RunOptions options,
      String imageName, List<String> command, boolean tty, PrintWriter err)
      throws EsperantoException, InterruptedException {
    ImageName name = ImageName.of(imageName);
    Map<String, String> env = env(options.env);
    // checked before anything is built or started: nothing is left half-done
    Path workspace = SessionSpecFactory.requireWorkspace(options.workspace != null ? options.workspace : Path.of(""));
    CatalogImage image = catalog.image(name);
    // $HOME first, as a shell's ~; without an absolute one there is no home (never "?" in the current folder)
    Optional<Path> home = HostHome.ofEnvironment(System.getenv());
    SessionSpecFactory factory = new SessionSpecFactory(home, options.policy(home));
    // image.yaml is held against the run policy before anything is built, pulled or created
    factory.check(image, workspace);
    try (DockerClient docker = engine.connect()) {
      ImageBuilder builder = new ImageBuilder(docker, catalog, engine.repository(), engine.tempDir(), line -> {
        err.println(line);
        err.flush();
      });
      // at a desk, a missing image is pulled when the registry has it; only `build` pushes
      registry.clientForRepository(docker, engine.repository(), err).ifPresent(client -> builder.withRegistry(client, false));
      ImageResult result = options.noBuild
          ? builder.requireExisting(name)
          : last(builder.ensureQuietly(List.of(name), BuildOptions.defaults()));
      SessionSpec spec = factory
          .forImage(result, image, UserIdentity.ofCurrentProcess(), workspace, env, options.volumes)
          .command(command)
          .tty(tty)
          .build();
      // like docker run: standard input only when asked for (-i), or for an interactive shell
      InputStream stdin = tty || options.interactive ? System.in : null;
      return new RunContainerStep(docker, spec, stdin, System.out, System.err, line -> {
        err.println(line);
        err.flush();
      }).call();
    } catch (java.io.IOException e) {
      throw new EsperantoException("Tried to talk to the Docker Engine but failed because " + e.getMessage());
    }
  }

  /** {@code -e NAME=VALUE} sets; {@code -e NAME} passes the caller's value through (if set). */
  static Map<String, String> env(List<String> specs) throws EsperantoException {
    Map<String, String> env = new LinkedHashMap<>();
    for (String spec : specs) {
      int eq = spec.indexOf('=');
      String key = eq < 0 ? spec : spec.substring(0, eq);
      if (!ENV_NAME.matcher(key).matches()) {
        throw new EsperantoException("Environment variable '" + Printable.of(key)
            + "' given with -e must be letters, digits and '_', not starting with a digit");
      }
      if (eq >= 0) {
        env.put(key, spec.substring(eq + 1));
      } else if (System.getenv(key) != null) {
        env.put(key, System.getenv(key));
      }
    }
    return env;
  }


  private static ImageResult last(List<ImageResult> results) {
    return results.get(results.size() - 1);
  }
}
