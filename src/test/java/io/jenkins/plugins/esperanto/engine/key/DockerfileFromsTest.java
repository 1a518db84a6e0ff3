package io.jenkins.plugins.esperanto.engine.key;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Tests for {@link DockerfileFroms}. */
class DockerfileFromsTest {
  private static DockerfileFroms parse(String text) throws DockerfileException {
    return DockerfileFroms.parse(text, Map.of(), "images/x/Docker/Dockerfile");
  }

  private static List<String> images(String text, Map<String, String> args) throws Exception {
    return DockerfileFroms.parse(text, args, "Dockerfile").instructions().stream()
        .map(FromInstruction::image)
        .toList();
  }

  static Stream<Arguments> images() {
    return Stream.of(
        Arguments.of("FROM alpine\n", Map.of(), List.of("alpine")),
        Arguments.of("from alpine:3.19\n", Map.of(), List.of("alpine:3.19")),
        Arguments.of("  FrOm   \"quoted/image:1\"  \n", Map.of(), List.of("quoted/image:1")),
        Arguments.of("FROM --platform=linux/amd64 busybox AS b\n", Map.of(), List.of("busybox")),
        Arguments.of("FROM \\\n  busybox \\\n  AS b\n", Map.of(), List.of("busybox")),
        Arguments.of("# escape=`\nFROM `\n  busybox\n", Map.of(), List.of("busybox")),
        Arguments.of("ARG V=1.36\nFROM busybox:${V}\n", Map.of(), List.of("busybox:1.36")),
        Arguments.of("ARG V=1.36\nFROM busybox:$V\n", Map.of("V", "2"), List.of("busybox:2")),
        Arguments.of("ARG V\nFROM busybox:${V:-latest}\n", Map.of(), List.of("busybox:latest")),
        Arguments.of("ARG V\nFROM busybox:${V:-latest}\n", Map.of("V", "x"), List.of("busybox:x")),
        Arguments.of("ARG V=\nFROM busybox${V:+:tagged}\n", Map.of(), List.of("busybox")),
        Arguments.of("ARG R=reg A=app\nFROM ${R}/${A}\n", Map.of(), List.of("reg/app")),
        Arguments.of("ARG R=reg\nARG I=${R}/img\nFROM $I\n", Map.of(), List.of("reg/img")),
        Arguments.of("ARG I='a b'\nFROM \"$I\"\n", Map.of(), List.of("a b")),
        Arguments.of("FROM 'lit$eral'\n", Map.of(), List.of("lit$eral")),
        Arguments.of("FROM a\\$b\n", Map.of(), List.of("a$b")),
        Arguments.of(
            "# syntax=docker/dockerfile:1\n# escape=`\n\n# comment\nFROM base AS build\n"
                + "RUN make \\\n# a comment in a continuation\n\n  all\nFROM build\nFROM scratch\n",
            Map.of(),
            List.of("base", "build", "scratch")),
        Arguments.of("\uFEFFFROM bom\r\nRUN x\r\n", Map.of(), List.of("bom")));
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @MethodSource("images")
  void parse_resolvesImages(String text, Map<String, String> args, List<String> expected)
      throws Exception {
    assertThat(images(text, args)).isEqualTo(expected);
  }

  @Test
  void parse_stagesLinesAndFlags() throws Exception {
    DockerfileFroms froms =
        parse(
            "ARG BASE=busybox\n"
                + "FROM --platform=$BUILDPLATFORM ${BASE} AS Builder\n"
                + "RUN make\n"
                + "\n"
                + "FROM builder AS test\n"
                + "FROM \\\n"
                + "    scratch\n"
                + "COPY --from=builder /x /x\n"
                + "FROM esperanto/base\n");
    List<FromInstruction> list = froms.instructions();
    assertThat(list).extracting(FromInstruction::line).containsExactly(2, 5, 6, 9);
    assertThat(list.get(0).stageName()).contains("builder");
    assertThat(list.get(0).platform()).contains("$BUILDPLATFORM");
    assertThat(list.get(0).rawImage()).isEqualTo("${BASE}");
    assertThat(list.get(0).isParentImage()).isTrue();
    assertThat(list.get(1).referencesEarlierStage()).isTrue();
    assertThat(list.get(1).isParentImage()).isFalse();
    assertThat(list.get(2).isScratch()).isTrue();
    assertThat(list.get(2).referencesEarlierStage()).isFalse();
    assertThat(list.get(2).isParentImage()).isFalse();
    assertThat(list.get(3).isParentImage()).isTrue();
    assertThat(list.get(3).stageName()).isEmpty();
  }

  @Test
  void parse_stageNamesAreLowerCasedAndMatchedIgnoringCase() throws Exception {
    List<FromInstruction> list =
        parse("FROM busybox AS My-Stage_1.x\nFROM MY-STAGE_1.X\n").instructions();
    assertThat(list.get(0).stageName()).contains("my-stage_1.x");
    assertThat(list.get(1).referencesEarlierStage()).isTrue();
  }

  @Test
  void parse_laterStageIsNotAnEarlierStage() throws Exception {
    List<FromInstruction> list = parse("FROM later\nFROM busybox AS later\n").instructions();
    assertThat(list.get(0).referencesEarlierStage()).isFalse();
  }

  static Stream<Arguments> errors() {
    return Stream.of(
        Arguments.of("RUN x\nFROM a\n", 1, "RUN before the first FROM"),
        Arguments.of("# only a comment\n", 1, "without any FROM"),
        Arguments.of("FROM a\nFROM\n", 2, "without an image"),
        Arguments.of("FROM --platform=x\n", 1, "without an image"),
        Arguments.of("FROM a b\n", 1, "2 words"),
        Arguments.of("FROM a AS 1x\n", 1, "stage name must start with a letter"),
        Arguments.of("FROM --pull=true a\n", 1, "unknown FROM flag '--pull=true'"),
        Arguments.of("ARG V\nFROM busybox:${V}\n", 2, "uses ARG 'V', which has no value"),
        Arguments.of("FROM a\nARG V=1\nFROM b:$V\n", 3, "uses ARG 'V'"),
        Arguments.of("FROM $UNDECLARED\n", 1, "uses ARG 'UNDECLARED'"),
        Arguments.of("ARG V\n\nFROM \\\n x:${V:?setV}\n", 3, "requires ARG 'V' (setV)"),
        Arguments.of("FROM \"unclosed\n", 1, "unclosed double quote"),
        Arguments.of("FROM x${V\n", 1, "unsupported ${V"),
        Arguments.of("# escape=x\nFROM a\n", 1, "neither ` nor \\"),
        Arguments.of("# escape=`\n# escape=\\\nFROM a\n", 2, "second escape"),
        Arguments.of("FROM a\nFROM ''\n", 2, "is empty"));
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @MethodSource("errors")
  void parse_badDockerfile_namesFileAndLine(String text, int line, String why) {
    assertThatThrownBy(() -> parse(text))
        .isInstanceOfSatisfying(
            DockerfileException.class, e -> assertThat(e.getLine()).isEqualTo(line))
        .hasMessageStartingWith(
            "Tried to read the FROM instructions of images/x/Docker/Dockerfile but line "
                + line
                + " ")
        .hasMessageContaining(why)
        .hasMessageNotContaining("\n");
  }

  @Test
  void rewrite_replacesOnlyTheImageWords() throws Exception {
    String text =
        "# escape=\\\r\n"
            + "ARG TAG=1\r\n"
            + "FROM   base:${TAG}   AS  build   # not a comment, but kept\r\n"
            + "RUN echo FROM base\r\n"
            + "FROM \\\r\n"
            + "   \"tool-chain\" \r\n"
            + "FROM build\r\n";
    String rewritten =
        parse(text.replace("# not a comment, but kept", ""))
            .rewrite(Map.of(3, "esperanto/base:0123abcd", 5, "esperanto/toolchain:ffff"));
    assertThat(rewritten)
        .isEqualTo(
            "# escape=\\\r\n"
                + "ARG TAG=1\r\n"
                + "FROM   esperanto/base:0123abcd   AS  build   \r\n"
                + "RUN echo FROM base\r\n"
                + "FROM \\\r\n"
                + "   esperanto/toolchain:ffff \r\n"
                + "FROM build\r\n");
    assertThat(parse(rewritten).instructions())
        .extracting(FromInstruction::image)
        .containsExactly("esperanto/base:0123abcd", "esperanto/toolchain:ffff", "build");
  }

  @Test
  void rewrite_nothingToReplace_returnsTheSameText() throws Exception {
    String text = "FROM a\n\n# x\nRUN b\n";
    assertThat(parse(text).rewrite(Map.of())).isEqualTo(text);
  }

  @Test
  void rewrite_misuse_isRejected() throws Exception {
    DockerfileFroms froms = parse("FROM a\nRUN b\n");
    assertThatThrownBy(() -> froms.rewrite(Map.of(2, "x")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("line 2 has no FROM");
    assertThatThrownBy(() -> froms.rewrite(Map.of(1, "x y")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not a plain image reference");
    assertThatThrownBy(() -> froms.rewrite(Map.of(1, "$EVIL")))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void fromInstruction_isAValue() throws Exception {
    FromInstruction a = parse("FROM x AS y\n").instructions().get(0);
    FromInstruction b = parse("FROM x AS y\n").instructions().get(0);
    assertThat(a).isEqualTo(b).hasSameHashCodeAs(b);
    assertThat(a.toString()).isEqualTo("line 1: FROM x AS y");
    assertThat(a.stageName()).isEqualTo(Optional.of("y"));
  }
}
