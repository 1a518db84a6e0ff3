package io.jenkins.plugins.esperanto.engine.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.esperanto.engine.api.InvalidCatalogException;
import io.jenkins.plugins.esperanto.engine.api.SquashMode;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Tests for {@link ImageSpecParser}. */
class ImageSpecParserTest {
  private static final Path FILE = Path.of("images/demo/image.yaml");

  @Test
  void parse_fullSpec_readsEverySection() throws Exception {
    ImageSpec spec = ImageSpecParser.parse(FILE, String.join("\n",
        "description: demo image",
        "build:",
        "  args: {VERSION: 1.2, DEBUG: true}",
        "  target: runtime",
        "  labels: {team: tools}",
        "  squash: own",
        "run:",
        "  env: {JOBS: 4, NAME: x}",
        "  volumes: [\"~/.m2:/m2:ro\"]",
        "  devices: [/dev/fuse]",
        "  shm_size: 1g",
        "  network: host",
        "  groups: [docker, 44]",
        "  workdir: /src",
        "  entrypoint_args: [--quiet]",
        "  read_only: true",
        "commands:",
        "  test: make test",
        "  lint:",
        "    description: static checks",
        "    run: [make, lint]",
        ""));
    assertThat(spec.description()).contains("demo image");
    assertThat(spec.build().args()).containsExactly(Map.entry("DEBUG", "true"), Map.entry("VERSION", "1.2"));
    assertThat(spec.build().target()).contains("runtime");
    assertThat(spec.build().labels()).containsEntry("team", "tools");
    assertThat(spec.build().squash()).isEqualTo(SquashMode.OWN);
    assertThat(spec.run().env()).containsExactly(Map.entry("JOBS", "4"), Map.entry("NAME", "x"));
    assertThat(spec.run().volumes()).containsExactly("~/.m2:/m2:ro");
    assertThat(spec.run().devices()).containsExactly("/dev/fuse");
    assertThat(spec.run().shmSizeBytes()).contains(1L << 30);
    assertThat(spec.run().network()).contains("host");
    assertThat(spec.run().groups()).containsExactly("docker", "44");
    assertThat(spec.run().workdir()).contains("/src");
    assertThat(spec.run().entrypointArgs()).containsExactly("--quiet");
    assertThat(spec.run().readOnlyRoot()).isTrue();
    assertThat(spec.commands().keySet()).containsExactly("test", "lint");
    assertThat(spec.commands().get("test").command()).containsExactly("sh", "-c", "make test", "test");
    assertThat(spec.commands().get("lint").command()).containsExactly("make", "lint");
    assertThat(spec.commands().get("lint").description()).contains("static checks");
  }

  @Test
  void parse_emptyDocument_givesDefaults() throws Exception {
    ImageSpec spec = ImageSpecParser.parse(FILE, "# nothing yet\n");
    assertThat(spec.build().squash()).isEqualTo(SquashMode.NONE);
    assertThat(spec.run().env()).isEmpty();
    assertThat(spec.commands()).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
    "unknown top key      | descripton: x                         | images/demo/image.yaml:1: unknown key 'descripton'",
    "unknown nested key   | run:\\n  shm: 1g                      | images/demo/image.yaml:2: unknown key 'run.shm'",
    "wrong type mapping   | run: [a]                              | images/demo/image.yaml:1: 'run' must be a mapping",
    "wrong type bool      | run:\\n  read_only: yes please        | images/demo/image.yaml:2: 'run.read_only' must be true or false",
    "list where scalar    | build:\\n  target: [a, b]             | images/demo/image.yaml:2: 'build.target' must be a single value",
    "bad squash           | build:\\n  squash: some               | images/demo/image.yaml:2: 'build.squash' must be one of none, own, all; got 'some'",
    "bad shm size         | run:\\n  shm_size: lots               | images/demo/image.yaml:2: 'run.shm_size' must be a size",
    "zero shm size        | run:\\n  shm_size: 0                  | images/demo/image.yaml:2: 'run.shm_size' must be greater than zero",
    "bad env name         | run:\\n  env: {1X: a}                 | images/demo/image.yaml:2: environment variable name '1X'",
    "bad volume           | run:\\n  volumes: [nocolon]           | images/demo/image.yaml:2: volume 'nocolon' in 'run.volumes' must be HOST:/CONTAINER",
    "relative workdir     | run:\\n  workdir: src                 | images/demo/image.yaml:2: 'run.workdir' must be an absolute path",
    "reserved label       | build:\\n  labels: {io.esperanto.key: x} | images/demo/image.yaml:2: label 'io.esperanto.key'",
    "bad command name     | commands:\\n  Test: make              | images/demo/image.yaml:2: command name 'Test'",
    "empty command        | commands:\\n  test: ''                | images/demo/image.yaml:2: 'commands.test' must not be empty",
    "command without run  | commands:\\n  test: {description: x}  | images/demo/image.yaml:2: 'commands.test.run' is required",
    "duplicate key        | description: a\\ndescription: b       | images/demo/image.yaml:2: duplicate key 'description'",
    "not a mapping        | just text                             | images/demo/image.yaml:1: the document must be a mapping",
    "malformed            | run: {env: [}                         | images/demo/image.yaml:1: malformed YAML",
  })
  void parse_badInput_namesFileLineAndKey(String what, String yaml, String expected) {
    assertThatThrownBy(() -> ImageSpecParser.parse(FILE, yaml.replace("\\n", "\n")))
        .isInstanceOf(InvalidCatalogException.class)
        .hasMessageStartingWith(expected)
        .hasMessageNotContaining("\n");
  }

  @Test
  void parse_commandAsList_keepsArgumentsVerbatim() throws Exception {
    ImageSpec spec = ImageSpecParser.parse(FILE, "commands:\n  echo: [echo, 'a b', '$HOME']\n");
    assertThat(spec.commands().get("echo").command()).isEqualTo(List.of("echo", "a b", "$HOME"));
  }
}
