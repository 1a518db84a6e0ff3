package io.jenkins.plugins.esperanto.engine.key;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.command.BuildImageResultCallback;
import com.github.dockerjava.api.command.WaitContainerResultCallback;
import com.github.dockerjava.api.model.Frame;
import io.jenkins.plugins.esperanto.engine.docker.DockerConnection;
import io.jenkins.plugins.esperanto.engine.docker.DockerEndpoint;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Proves against the real Docker Engine that the archive is a context Docker accepts, and that what
 * it sends is what {@code .dockerignore} lets through, with the normalised modes.
 */
class ContextArchiveDockerTest {
  private static final String LABEL = "io.esperanto.test";

  @TempDir Path tmp;

  private final String runId = UUID.randomUUID().toString().substring(0, 12);
  private final Set<String> images = new LinkedHashSet<>();
  private final List<String> containers = new ArrayList<>();
  private DockerClient docker;

  @BeforeEach
  void connect() throws Exception {
    docker = DockerConnection.connect(DockerEndpoint.resolve(Optional.empty(), System.getenv()));
  }

  @AfterEach
  void removeWhatThisTestCreated() throws Exception {
    for (String container : containers) {
      docker.removeContainerCmd(container).withForce(true).withRemoveVolumes(true).exec();
    }
    for (String image : images) {
      docker.removeImageCmd(image).withForce(true).exec();
    }
    docker.close();
  }

  @Test
  void archive_isBuiltByDocker_withIgnoredFilesAbsentAndExecBitsKept() throws Exception {
    Path context = tmp.resolve("ctx");
    // A checkout made with umask 002: group-writable files must not reach the image that way.
    ContextFixture.sample(context, "rw-rw-r--", "rwxrwxr-x", "rwxrwxr-x");
    String imageId = buildFromArchive(context, Optional.empty());

    String listing =
        run(imageId, "cd /ctx && find . | sort | while read f; do stat -c '%A %n' \"$f\"; done");

    assertThat(listing.lines())
        .containsExactly(
            "drwxr-xr-x .",
            "-rw-r--r-- ./.dockerignore",
            "-rw-r--r-- ./Dockerfile",
            "drwxr-xr-x ./build",
            "-rw-r--r-- ./build/keep.txt",
            "-rwxr-xr-x ./entrypoint",
            "drwxr-xr-x ./src",
            "drwxr-xr-x ./src-gen",
            "-rw-r--r-- ./src-gen/x.c",
            "lrwxrwxrwx ./src/current",
            "drwxr-xr-x ./src/lib",
            "-rw-r--r-- ./src/lib/util.c",
            "-rw-r--r-- ./src/main.c");
    assertThat(run(imageId, "cat /ctx/build/keep.txt /ctx/src/current"))
        .isEqualTo("kept\nint main(void) { return 0; }\n");
  }

  @Test
  void archive_withReplacedDockerfile_buildsFromTheReplacement() throws Exception {
    Path context = tmp.resolve("ctx");
    ContextFixture.file(context, "Dockerfile", "FROM scratch\n", "rw-r--r--");
    ContextFixture.file(context, ".dockerignore", "Dockerfile\n.dockerignore\n", "rw-r--r--");
    ContextFixture.file(context, "payload", "payload\n", "rw-r--r--");
    byte[] pinned =
        ("FROM esperanto-fixture/busybox:latest\nLABEL " + LABEL + "=" + runId + "\nCOPY . /ctx\n")
            .getBytes(StandardCharsets.UTF_8);
    String imageId = buildFromArchive(context, Optional.of(pinned));
    // The Engine itself drops the Dockerfile and .dockerignore when .dockerignore names them;
    // the pinned FROM took effect, since scratch has no shell to run this.
    assertThat(run(imageId, "ls -A /ctx")).isEqualTo("payload\n");
  }

  /**
   * Builds the same context twice, once with the {@code docker} command line (classic builder,
   * where the CLI applies {@code .dockerignore} with moby's patternmatcher) and once from our
   * archive, and compares what reached {@code /ctx}.
   */
  @ParameterizedTest(name = "[{index}] {0}")
  @MethodSource("trickyIgnores")
  void archive_sendsExactlyWhatTheDockerCliSends(String name, String dockerignore)
      throws Exception {
    Path context = tmp.resolve("ctx");
    for (String file :
        List.of(
            "a/keep",
            "a/b/keep",
            "a/b/other",
            "a/c/keep",
            "build/out.o",
            "build/keep.txt",
            "docs/README.md",
            "docs/other.md",
            "src/x/y/z.tmp",
            "src/x/y/z.c",
            "src/main.go",
            "node_modules/pkg/index.js",
            "#hash",
            "spaced name",
            "top.log",
            "keep.log",
            "bfile",
            "myfile",
            "file7",
            "filed",
            "sub/Dockerfile.sub")) {
      ContextFixture.file(context, file, file + "\n", "rw-r--r--");
    }
    ContextFixture.file(
        context,
        "Dockerfile",
        "FROM esperanto-fixture/busybox:latest\nLABEL " + LABEL + "=" + runId + "\nCOPY . /ctx\n",
        "rw-r--r--");
    ContextFixture.file(context, ".dockerignore", dockerignore, "rw-r--r--");

    ProcessBuilder cliBuild =
        new ProcessBuilder(
                "docker", "build", "-q", "--no-cache", "--label", LABEL + "=" + runId, ".")
            .directory(context.toFile())
            .redirectErrorStream(true);
    // The classic builder: the CLI itself walks the context and applies .dockerignore.
    cliBuild.environment().put("DOCKER_BUILDKIT", "0");
    Process cli = cliBuild.start();
    String cliOut = new String(cli.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
    assertThat(cli.waitFor(120, TimeUnit.SECONDS)).isTrue();
    assertThat(cli.exitValue()).as(cliOut).isZero();
    String cliImage = cliOut.lines().reduce((first, last) -> last).orElseThrow();
    images.add(cliImage);

    String ourImage = buildFromArchive(context, Optional.empty());

    String listing = "cd /ctx && find . | sort";
    assertThat(run(ourImage, listing)).isEqualTo(run(cliImage, listing)).contains("./");
  }

  static Stream<Arguments> trickyIgnores() {
    return Stream.of(
        Arguments.of(
            "exceptions, double stars, comments",
            "# comment\na\n!a/*/keep\n!a/c/keep\nbuild\n!build/keep.txt\ndocs/*\n"
                + "!docs/README.md\nsrc/**/*.tmp\n**/node_modules\n #hash\n*.log\n!keep.log\n"
                + "**file\nfile\\d\n"),
        Arguments.of(
            "everything but src, build files ignored too",
            "*\n!src\nsrc/**/*.tmp\nDockerfile\n.dockerignore\n"),
        Arguments.of(
            "clean paths, classes, single characters",
            "/a/b/../c\n./build/\n[a-c]*\n!b?ile\nsub/\n!sub/Dockerfile.sub\n"));
  }

  /** Builds an image from our archive of the context, uncached, tagged and labelled. */
  private String buildFromArchive(Path context, Optional<byte[]> dockerfile) throws Exception {
    String tag = "esperanto-test-" + runId + "/key:" + images.size();
    try (ContextArchive archive =
            ContextArchive.create(context, "Dockerfile", dockerfile, tmp.resolve("tars"));
        InputStream tar = archive.open()) {
      String imageId =
          docker
              .buildImageCmd()
              .withTarInputStream(tar)
              .withTags(Set.of(tag))
              .withLabels(Map.of(LABEL, runId))
              .withPull(false)
              .withNoCache(true)
              .withForcerm(true)
              .exec(new BuildImageResultCallback())
              .awaitImageId(120, TimeUnit.SECONDS);
      images.add(imageId);
      return imageId;
    }
  }

  /** Runs {@code sh -c script} in a new container of the image and returns its stdout. */
  private String run(String imageId, String script) throws Exception {
    String id =
        docker
            .createContainerCmd(imageId)
            .withName("esperanto-test-" + runId + "-" + containers.size())
            .withLabels(Map.of(LABEL, runId))
            .withEntrypoint("sh", "-c", script)
            .exec()
            .getId();
    containers.add(id);
    docker.startContainerCmd(id).exec();
    int status =
        docker
            .waitContainerCmd(id)
            .exec(new WaitContainerResultCallback())
            .awaitStatusCode(60, TimeUnit.SECONDS);
    StringBuilder out = new StringBuilder();
    StringBuilder err = new StringBuilder();
    docker
        .logContainerCmd(id)
        .withStdOut(true)
        .withStdErr(true)
        .exec(
            new ResultCallback.Adapter<Frame>() {
              @Override
              public void onNext(Frame frame) {
                String text = new String(frame.getPayload(), StandardCharsets.UTF_8);
                switch (frame.getStreamType()) {
                  case STDERR:
                    err.append(text);
                    break;
                  default:
                    out.append(text);
                }
              }
            })
        .awaitCompletion(60, TimeUnit.SECONDS);
    assertThat(status).as("exit status of '%s', stderr: %s", script, err).isZero();
    return out.toString();
  }
}
