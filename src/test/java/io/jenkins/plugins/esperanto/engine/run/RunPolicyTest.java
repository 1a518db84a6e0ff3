package io.jenkins.plugins.esperanto.engine.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.jenkins.plugins.esperanto.engine.api.EsperantoException;
import io.jenkins.plugins.esperanto.engine.api.HostHome;
import io.jenkins.plugins.esperanto.engine.catalog.ImageSpecParser;
import io.jenkins.plugins.esperanto.engine.catalog.RunSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Tests for {@link RunPolicy}, {@link RunPolicyFile} and {@link RunPolicyCheck#resolved}. */
class RunPolicyTest {
  @TempDir Path dir;

  @Test
  void parseList_linesCommasCommentsAndBlanks() {
    assertThat(RunPolicy.parseList("/a, /b\n# note\n\n  /c  \r\n")).containsExactly("/a", "/b", "/c");
    assertThat(RunPolicy.parseList(null)).isEmpty();
  }

  @Test
  void of_refusesRelativePathsWithOneLine() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> RunPolicy.of(List.of("var/run"), List.of(), List.of(), List.of()));
    assertThat(e.getMessage()).isEqualTo("allowed host path 'var/run' must be absolute (or * for any)");
    assertThrows(IllegalArgumentException.class, () -> RunPolicy.of(List.of(), List.of("fuse"), List.of(), List.of()));
  }

  @Test
  void allowsNetwork_exactOrAnyContainer() {
    RunPolicy policy = RunPolicy.of(List.of(), List.of(), List.of(), List.of("container:*"));
    assertThat(policy.allowsNetwork("container:abc")).isTrue();
    assertThat(policy.allowsNetwork("host")).isFalse();
    assertThat(RunPolicy.defaults().allowsNetwork("container:abc")).isFalse();
  }

  @Test
  void resolved_followsLinksOfTheExistingPrefixOnly() throws Exception {
    Files.createSymbolicLink(dir.resolve("link"), Path.of("/etc"));
    assertThat(RunPolicyCheck.resolved(dir.resolve("link/missing/x"))).isEqualTo(Path.of("/etc/missing/x"));
    assertThat(RunPolicyCheck.resolved(dir.resolve("a/../../x"))).isEqualTo(dir.toRealPath().getParent().resolve("x"));
    Files.createSymbolicLink(dir.resolve("dangling"), dir.resolve("nowhere"));
    assertThrows(java.io.IOException.class, () -> RunPolicyCheck.resolvedStrictly(dir.resolve("dangling/sub")));
  }

  @Test
  void load_readsTheFourListsAndRefusesUnknownKeys() throws Exception {
    Path file = dir.resolve("policy.yaml");
    assertThat(RunPolicyFile.load(file)).isEqualTo(RunPolicy.defaults());
    Files.writeString(file, "allowedHostPaths: /opt/tools\nallowedGroups: [docker, 6]\nallowedNetworks: [host]\n");
    assertThat(RunPolicyFile.load(file))
        .isEqualTo(RunPolicy.of(List.of("/opt/tools"), List.of(), List.of("docker", "6"), List.of("host")));

    Files.writeString(file, "allowedDevices: [fuse]\n");
    assertThat(assertThrows(EsperantoException.class, () -> RunPolicyFile.load(file)).getMessage())
        .isEqualTo(file + ": allowed device 'fuse' must be an absolute path such as /dev/fuse (or * for any)");
    Files.writeString(file, "allowedDevices: {a: b}\n");
    assertThat(assertThrows(EsperantoException.class, () -> RunPolicyFile.load(file)).getMessage())
        .startsWith(file + ": allowedDevices must be a list of text entries");
  }

  @Test
  void defaultLocation_xdgConfigHomeThenDotConfig() {
    assertThat(RunPolicyFile.defaultLocation(java.util.Map.of("XDG_CONFIG_HOME", "/x"), Optional.of(Path.of("/home/a"))))
        .contains(Path.of("/x/esperanto/policy.yaml"));
    assertThat(RunPolicyFile.defaultLocation(java.util.Map.of(), Optional.of(Path.of("/home/a"))))
        .contains(Path.of("/home/a/.config/esperanto/policy.yaml"));
  }

  @Test
  void defaultLocation_withoutHome_noFileRatherThanOneInTheCurrentFolder() {
    // the JVM's user.home of a uid without a passwd entry is "?": no home, not ./?
    assertThat(HostHome.of("?")).isEmpty();
    assertThat(RunPolicyFile.defaultLocation(java.util.Map.of(), HostHome.of("?"))).isEmpty();
    assertThat(RunPolicyFile.defaultLocation(java.util.Map.of("XDG_CONFIG_HOME", "rel"), Optional.empty())).isEmpty();
  }

  @Test
  void check_tildeWithoutHome_refusedInOneLine() throws Exception {
    RunPolicyCheck check = new RunPolicyCheck(RunPolicy.defaults(), "image.yaml", dir, Optional.empty());
    RunSpec run = ImageSpecParser.parse(Path.of("image.yaml"), "run:\n  volumes: ['~/cache:/cache']\n").run();
    assertThat(assertThrows(RunPolicyException.class, () -> check.check(run)).getMessage())
        .isEqualTo("image.yaml: run.volumes '~/cache' starts with ~, but this user has no home folder"
            + " (HOME is unset and the uid has no passwd entry); set HOME or give an absolute path");
  }

  /**
   * With the caller in a container, a bind source is a daemon-host path: the caller's links say
   * nothing about it, its workspace and home are not its own there, and nothing is created.
   */
  @Test
  void check_callerInContainer_onlyAllowedHostPaths_asWritten_neverCreated() throws Exception {
    Path link = Files.createSymbolicLink(dir.resolve("link"), Path.of("/etc"));
    RunPolicy policy = RunPolicy.of(List.of(link.toString()), List.of(), List.of(), List.of());
    RunPolicyCheck check = RunPolicyCheck.ofCallerInContainer(policy, "image.yaml", Optional.of(dir));

    List<RunPolicyCheck.CheckedVolume> volumes = check.check(ImageSpecParser.parse(Path.of("image.yaml"),
        "run:\n  volumes: ['" + link + "/missing:/m:ro']\n").run());

    assertThat(volumes).containsExactly(new RunPolicyCheck.CheckedVolume(link.resolve("missing"), "/m", true, false));
    for (String refused : List.of("~/cache", link + "/../etc")) {
      RunSpec run = ImageSpecParser.parse(Path.of("image.yaml"), "run:\n  volumes: ['" + refused + ":/c']\n").run();
      assertThat(assertThrows(RunPolicyException.class, () -> check.check(run)).getMessage())
          .startsWith("image.yaml: run.volumes '" + refused + "' is a path on the Docker daemon's host");
    }
    assertThat(dir.resolve("cache")).doesNotExist();
  }
}
