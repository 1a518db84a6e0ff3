package io.jenkins.plugins.esperanto.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.BuildImageResultCallback;
import io.jenkins.plugins.esperanto.engine.docker.DockerConnection;
import io.jenkins.plugins.esperanto.engine.docker.DockerEndpoint;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** Tests for {@link SquashCommand}, against the real Docker Engine. */
class SquashCommandTest {
  private static final String FIXTURE = "esperanto-fixture/busybox:latest";
  @TempDir Path temp;
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  @Test
  void squash_all_movesTheTagToAOneLayerImage() throws Exception {
    DockerClient docker = DockerConnection.connect(DockerEndpoint.resolve(Optional.empty(), System.getenv()));
    String tag = "esperanto-test-" + UUID.randomUUID().toString().substring(0, 8) + "/cli:v1";
    Files.writeString(temp.resolve("Dockerfile"), "FROM " + FIXTURE + "\n"
        + "RUN echo a > /a\nRUN rm /a && echo b > /b\n");
    String source = docker.buildImageCmd(temp.resolve("Dockerfile").toFile())
        .withTags(Set.of(tag)).withLabels(Map.of("io.esperanto.test", tag)).withPull(false)
        .exec(new BuildImageResultCallback()).awaitImageId();
    String squashed = null;
    try {
      int code = execute("squash", tag, "--mode", "all", "--temp-dir", temp.toString());

      assertThat(code).as(err.toString()).isZero();
      squashed = docker.inspectImageCmd(tag).exec().getId();
      assertThat(squashed).isNotEqualTo(docker.inspectImageCmd(source).exec().getId());
      assertThat(docker.inspectImageCmd(tag).exec().getRootFS().getLayers()).hasSize(1);
      assertThat(out.toString()).contains(tag + ": 3 layers").contains("-> 1 layers")
          .contains(squashed);
    } finally {
      docker.removeImageCmd(tag).withForce(true).exec();
      docker.removeImageCmd(source).withForce(true).exec();
    }
  }

  @Test
  void squash_catalogImage_buildsItsSquashedVariantUnderItsOwnKey() throws Exception {
    String id = UUID.randomUUID().toString().substring(0, 8);
    String name = "sq-" + id;
    String repository = "esperanto-test-" + id;
    Path dockerDir = Files.createDirectories(temp.resolve("images/" + name + "/Docker"));
    Files.writeString(dockerDir.resolve("Dockerfile"), "FROM " + FIXTURE + "\nRUN echo a > /a\nRUN echo b > /b\n");
    DockerClient docker = DockerConnection.connect(DockerEndpoint.resolve(Optional.empty(), System.getenv()));
    try {
      int code = execute("squash", name, "--mode", "own", "--catalog", temp.resolve("images").toString(),
          "--repository", repository, "--temp-dir", temp.toString());

      assertThat(code).as(err.toString()).isZero();
      String reference = out.toString().lines().filter(l -> l.startsWith(repository + "/" + name + ":"))
          .findFirst().orElseThrow().split(" ")[0];
      int fixtureLayers = docker.inspectImageCmd(FIXTURE).exec().getRootFS().getLayers().size();
      assertThat(docker.inspectImageCmd(reference).exec().getRootFS().getLayers()).hasSize(fixtureLayers + 1);
      assertThat(docker.inspectImageCmd(reference).exec().getConfig().getLabels())
          .containsKey("io.esperanto.squashed-from");
    } finally {
      for (var image : docker.listImagesCmd().exec()) {
        for (String tag : image.getRepoTags() == null ? new String[0] : image.getRepoTags()) {
          if (tag.startsWith(repository + "/") || tag.startsWith("esperanto/" + name + ":")) {
            docker.removeImageCmd(tag).withForce(true).exec();
          }
        }
      }
    }
  }

  @Test
  void squash_missingImage_printsOneLineAndFails() {
    int code = execute("squash", "esperanto-test-missing/none:nothing", "--temp-dir",
        temp.toString());

    assertThat(code).isEqualTo(EsperantoCommand.EXIT_FAILURE);
    assertThat(err.toString()).startsWith("esperanto: Tried to squash "
        + "esperanto-test-missing/none:nothing but the image").hasLineCount(1);
  }

  @Test
  void squash_badMode_isAUsageError() {
    int code = execute("squash", "x", "--mode", "half");

    assertThat(code).isEqualTo(EsperantoCommand.EXIT_USAGE);
    assertThat(err.toString()).contains("--mode").contains("half").contains("own or all");
  }

  @Test
  void repositoryAndTag_splitsOnTheLastColonAfterTheLastSlash() {
    assertThat(SquashCommand.repositoryAndTag("localhost:5000/a/b:v2").orElseThrow())
        .containsExactly("localhost:5000/a/b", "v2");
    assertThat(SquashCommand.repositoryAndTag("localhost:5000/a").orElseThrow())
        .containsExactly("localhost:5000/a", "latest");
    assertThat(SquashCommand.repositoryAndTag("repo@sha256:" + "0".repeat(64))).isEmpty();
    assertThat(SquashCommand.repositoryAndTag("sha256:" + "ab".repeat(32))).isEmpty();
  }

  private int execute(String... args) {
    CommandLine commandLine = EsperantoCommand.newCommandLine();
    commandLine.setOut(new PrintWriter(out, true));
    commandLine.setErr(new PrintWriter(err, true));
    return commandLine.execute(args);
  }
}
