package io.jenkins.plugins.esperanto.engine.key;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.esperanto.engine.api.EsperantoException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Tests for {@link DockerIgnore}: the cases of moby's patternmatcher tests and Docker's walk. */
class DockerIgnoreTest {

  /** One case: the lines of a .dockerignore, a path, and whether Docker leaves it out. */
  private static Arguments c(String lines, String path, boolean excluded) {
    return Arguments.of(lines, path, excluded);
  }

  static Stream<Arguments> singlePatterns() {
    return Stream.of(
        // From moby/patternmatcher TestMatches.
        c("**", "file", true),
        c("**/", "file", true),
        c("**", "dir/file", true),
        c("**/", "dir/file", true),
        c("**/**", "dir/file", true),
        c("dir/**", "dir/file", true),
        c("dir/**", "dir/dir2/file", true),
        c("**/dir", "dir", true),
        c("**/dir", "dir/file", true),
        c("**/dir2/*", "dir/dir2/file", true),
        c("**/dir2/**", "dir/dir2/dir3/file", true),
        c("**file", "file", true),
        c("**file", "dir/file", true),
        c("**/file", "dir/file", true),
        c("**file", "dir/dir/file", true),
        c("**/file", "dir/dir/file", true),
        c("**/file*", "dir/dir/file", true),
        c("**/file*", "dir/dir/file.txt", true),
        c("**/file*txt", "dir/dir/file.txt", true),
        c("**/file*.txt", "dir/dir/file.txt", true),
        c("**/file*.txt*", "dir/dir/file.txt", true),
        c("**/**/*.txt", "dir/dir/file.txt", true),
        c("**/**/*.txt2", "dir/dir/file.txt", false),
        c("**/*.txt", "file.txt", true),
        c("**/**/*.txt", "file.txt", true),
        c("a**/*.txt", "a/file.txt", true),
        c("a**/*.txt", "a/dir/file.txt", true),
        c("a**/*.txt", "a/dir/dir/file.txt", true),
        c("a/*.txt", "a/dir/file.txt", false),
        c("a/*.txt", "a/file.txt", true),
        c("a/*.txt**", "a/file.txt", true),
        c("a[b-d]e", "ae", false),
        c("a[b-d]e", "ace", true),
        c("a[b-d]e", "aae", false),
        c("a[^b-d]e", "aze", true),
        c("a[^b-d]e", "ace", false),
        c(".*", ".foo", true),
        c(".*", "foo", false),
        c("abc.def", "abcdef", false),
        c("abc.def", "abc.def", true),
        c("abc.def", "abcZdef", false),
        c("abc?def", "abcZdef", true),
        c("abc?def", "abcdef", false),
        c("abc?def", "abc/def", false),
        c("a\\\\", "a\\", true),
        c("a\\*b", "a*b", true),
        c("a\\*b", "axb", false),
        c("**/foo/bar", "foo/bar", true),
        c("**/foo/bar", "dir/foo/bar", true),
        c("**/foo/bar", "dir/dir2/foo/bar", true),
        c("abc/**", "abc", false),
        c("abc/**", "abc/def", true),
        c("abc/**", "abc/def/ghi", true),
        c("**/.foo", ".foo", true),
        c("**/.foo", "bar.foo", false),
        c("a(b)c/def", "a(b)c/def", true),
        c("a(b)c/def", "a(b)c/xyz", false),
        c("a.|)$(}+{bc", "a.|)$(}+{bc", true),
        c("dist/*.whl", "dist/proxy.py-2.4.0rc3.dev36+g08acad9-py3-none-any.whl", true),
        // Go filepath.Match cases that Docker keeps.
        c("abc", "abc", true),
        c("*", "abc", true),
        c("*c", "abc", true),
        c("a*", "a", true),
        c("a*", "abc", true),
        c("a*/b", "abc/b", true),
        c("a*/b", "a/c/b", false),
        c("a*b*c*d*e*/f", "axbxcxdxe/f", true),
        c("a*b?c*x", "abxbbxdbxebxczzx", true),
        c("a*b?c*x", "abxbbxdbxebxczzy", false),
        c("[\\]a]", "]", true),
        c("[\\-]", "-", true),
        c("[x\\-]", "z", false),
        c("a?b", "a☺b", true),
        c("a[^a]b", "a☺b", true),
        c("é*", "éa", true),
        // Docker semantics beyond a single path component.
        c("build", "build/x/y", true),
        c("build", "sub/build", false),
        c("*", "dir/file", true),
        c("*.md", "docs/x.md", false),
        c("docs/*.md", "docs/x.md", true),
        c("a/**/b", "a/b", true),
        c("a/**/b", "a/x/y/b", true),
        c("a/**/b", "a/x/y/c", false),
        c("/abs/path", "abs/path", true),
        c("./dot", "dot", true),
        c("x/../y", "y", true),
        c("x/../y", "x/y", false),
        c("  spaced  ", "spaced", true),
        c("trailing/", "trailing/file", true),
        c("#comment", "#comment", false),
        c(" #not-a-comment", "#not-a-comment", true),
        c("", "anything", false),
        c("foo", "foo.txt", false),
        // Docker hands the rest to Go's regexp: \d means a digit there.
        c("file\\d", "file7", true),
        c("file\\d", "filed", false));
  }

  @ParameterizedTest(name = "[{index}] {0} vs {1} -> {2}")
  @MethodSource("singlePatterns")
  void isExcluded_singlePattern(String line, String path, boolean excluded) {
    assertThat(DockerIgnore.parse(List.of(line)).isExcluded(path)).isEqualTo(excluded);
  }

  static Stream<Arguments> multiplePatterns() {
    return Stream.of(
        c("**\n!util/docker/web", "util/docker/web/foo", false),
        c("**\n!util/docker/web\nutil/docker/web/foo", "util/docker/web/foo", true),
        c("**\n!dist/*.whl", "dist/proxy.py-2.4.0rc3.dev36+g08acad9-py3-none-any.whl", false),
        // The last matching pattern wins.
        c("*.go\n!fileutils.go", "fileutils.go", false),
        c("!fileutils.go\n*.go", "fileutils.go", true),
        c("*.go\n!fileutils.go\nfileutils.go", "fileutils.go", true),
        // A folder and an exception below it: the folder is walked for the exception.
        c("docs\n!docs/README.md", "docs/README.md", false),
        c("docs\n!docs/README.md", "docs/other.md", true),
        c("docs\n!docs/README.md", "docs", true),
        c("docs/\n!docs/README.md", "docs/README.md", false),
        c("docs/*\n!docs/README.md", "docs/README.md", false),
        c("docs/*\n!docs/README.md", "docs/sub/README.md", true),
        // An exception whose text does not start with the folder cannot reach inside it:
        // docker build does not even enter the folder.
        c("a\n!**/keep", "a/keep", true),
        c("a\n!**/keep", "keep", false),
        // ... and docker build only enters a folder when an exception's text starts with it, so a
        // wildcard in a folder position cannot re-include anything below an excluded folder.
        c("a\n!a/*/keep", "a/b/keep", true),
        c("a\n!a/b/keep", "a/b/keep", false),
        c("a\n!a/b/keep", "a/b/other", true),
        c("a\n!a/b/keep", "a/c/keep", true),
        // Nested re-exclusion.
        c("a\n!a/b\na/b/c", "a/b/c", true),
        c("a\n!a/b\na/b/c", "a/b/d", false),
        c("*\n!src\nsrc/*.tmp", "src/x.java", false),
        c("*\n!src\nsrc/*.tmp", "src/x.tmp", true),
        c("*\n!src\nsrc/*.tmp", "README", true),
        // Comments, blank lines and a UTF-8 byte-order mark.
        c("\uFEFF# comment\n\n  \nsecret\n", "secret", true),
        c("\uFEFFsecret", "secret", true),
        c("secret\r\nother\r\n", "secret", true),
        c("! /inverted/abs/path\n*", "inverted/abs/path", true),
        c("*\n! /inverted/abs/path", "inverted/abs/path", false));
  }

  @ParameterizedTest(name = "[{index}] {0} vs {1} -> {2}")
  @MethodSource("multiplePatterns")
  void isExcluded_multiplePatterns(String lines, String path, boolean excluded) {
    DockerIgnore ignore = DockerIgnore.parse(Arrays.asList(lines.split("\n", -1)));
    assertThat(ignore.isExcluded(path)).isEqualTo(excluded);
  }

  @Test
  void isExcluded_contextRootAndEmptyPathAreNeverExcluded() {
    DockerIgnore ignore = DockerIgnore.parse(List.of("*", "**"));
    assertThat(ignore.isExcluded(".")).isFalse();
    assertThat(ignore.isExcluded("")).isFalse();
    assertThat(ignore.isExcluded("/")).isFalse();
    assertThat(ignore.isExcluded("./x")).isTrue();
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @MethodSource("badPatterns")
  void parse_badPattern_namesLine(String line, String why) {
    assertThatThrownBy(() -> DockerIgnore.parse(List.of("# first", "ok", line)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("line 3 has a bad pattern")
        .hasMessageContaining(why);
  }

  static Stream<Arguments> badPatterns() {
    return Stream.of(
        Arguments.of("!", "nothing after the '!'"),
        Arguments.of("! ", "nothing after the '!'"),
        Arguments.of("[", "unterminated"),
        Arguments.of("a[b", "unterminated"),
        Arguments.of("[]a]", "empty"),
        Arguments.of("[^]", "empty"),
        Arguments.of("[a-]", "dangling"),
        Arguments.of("[-a]", "dangling"),
        Arguments.of("a\\", "lone"),
        Arguments.of("[z-a]", "reversed"),
        Arguments.of("[a-\\z]", "regexp meaning"),
        Arguments.of("[*]", "escape it"),
        Arguments.of("[[:alpha:]]", "POSIX"),
        Arguments.of("a\\x41", "not supported"));
  }

  @Test
  void keepingBuildFiles_keepsDockerfileAndDockerignoreEvenWhenIgnored() {
    DockerIgnore ignore =
        DockerIgnore.parse(List.of("*", "sub")).keepingBuildFiles("sub/Dockerfile");
    assertThat(ignore.isExcluded(".dockerignore")).isFalse();
    assertThat(ignore.isExcluded("sub/Dockerfile")).isFalse();
    assertThat(ignore.isExcluded("sub/other")).isTrue();
    assertThat(ignore.isExcluded("Dockerfile")).isTrue();
    assertThat(ignore.patterns()).containsExactly("*", "sub", "!.dockerignore", "!sub/Dockerfile");
  }

  @Test
  void keepingBuildFiles_addsNothingWhenNothingIsIgnored() {
    DockerIgnore ignore = DockerIgnore.parse(List.of("*.tmp")).keepingBuildFiles("Dockerfile");
    assertThat(ignore.patterns()).containsExactly("*.tmp");
  }

  @Test
  void keepingBuildFiles_keepsNamesWithGlobCharactersLiterally() {
    DockerIgnore ignore = DockerIgnore.parse(List.of("*")).keepingBuildFiles("Docker[file]");
    assertThat(ignore.isExcluded("Docker[file]")).isFalse();
    assertThat(ignore.isExcluded("Dockerf")).isTrue();
  }

  @Test
  void read_missingFile_ignoresNothing(@TempDir Path context) throws Exception {
    DockerIgnore ignore = DockerIgnore.read(context);
    assertThat(ignore.isEmpty()).isTrue();
    assertThat(ignore.isExcluded("anything")).isFalse();
  }

  @Test
  void read_file_appliesPatterns(@TempDir Path context) throws Exception {
    Files.writeString(context.resolve(".dockerignore"), "# logs\n*.log\n!keep.log\n");
    DockerIgnore ignore = DockerIgnore.read(context);
    assertThat(ignore.isExcluded("a.log")).isTrue();
    assertThat(ignore.isExcluded("keep.log")).isFalse();
    assertThat(ignore.patterns()).containsExactly("*.log", "!keep.log");
  }

  @Test
  void read_badLine_namesFileAndLine(@TempDir Path context) throws Exception {
    Path file = context.resolve(".dockerignore");
    Files.write(file, "ok\n\n[oops\n".getBytes(StandardCharsets.UTF_8));
    assertThatThrownBy(() -> DockerIgnore.read(context))
        .isInstanceOf(EsperantoException.class)
        .hasMessageContaining(file.toString())
        .hasMessageContaining("line 3")
        .hasMessageContaining("'[oops'")
        .hasMessageNotContaining("\n");
  }
}
