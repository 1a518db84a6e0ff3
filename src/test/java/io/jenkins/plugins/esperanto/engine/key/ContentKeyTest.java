package io.jenkins.plugins.esperanto.engine.key;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.esperanto.engine.api.SquashMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Tests for {@link ContentKey} and {@link ContentKeyInputs}: the key is the same wherever the same
 * image would be built, and differs whenever the image could differ.
 */
class ContentKeyTest {
  private static final String PARENT = "sha256:" + "ab".repeat(32);

  @TempDir Path tmp;

  /** The key of a context with the settings a catalog image would have. */
  private ContentKey key(Path context) throws Exception {
    return key(context, builder -> {});
  }

  private ContentKey key(Path context, java.util.function.Consumer<ContentKeyInputs.Builder> tweak)
      throws Exception {
    try (ContextArchive archive =
        ContextArchive.create(context, "Dockerfile", Optional.empty(), tmp.resolve("tars"))) {
      ContentKeyInputs.Builder builder =
          ContentKeyInputs.builder(archive.sha256())
              .buildArg("VERSION", "1")
              .target(Optional.of("runtime"))
              .parent(PARENT)
              .squashMode(SquashMode.NONE);
      tweak.accept(builder);
      return builder.build().computeKey();
    }
  }

  private Path sample(String name) throws Exception {
    Path context = tmp.resolve(name);
    ContextFixture.sample(context, "rw-r--r--", "rwxr-xr-x", "rwxr-xr-x");
    return context;
  }

  @Test
  void key_sameOnTwoCheckoutsWithOtherMtimesAndUmask() throws Exception {
    Path umask022 = tmp.resolve("checkout-022");
    Path umask002 = tmp.resolve("checkout-002");
    ContextFixture.sample(umask022, "rw-r--r--", "rwxr-xr-x", "rwxr-xr-x");
    ContextFixture.sample(umask002, "rw-rw-r--", "rwxrwxr-x", "rwxrwxr-x");
    ContextFixture.setAllTimes(umask022, 946_684_800_000L);
    ContextFixture.setAllTimes(umask002, 1_764_000_000_000L);
    assertThat(key(umask022)).isEqualTo(key(umask002));
  }

  @Test
  void key_unchangedByTouchAndByEditsToIgnoredFiles() throws Exception {
    Path context = sample("ctx");
    ContentKey before = key(context);
    ContextFixture.setAllTimes(context, System.currentTimeMillis() + 3_600_000);
    assertThat(key(context)).as("touch").isEqualTo(before);
    Files.writeString(context.resolve("debug.log"), "another log line\n");
    Files.writeString(context.resolve("secret/token"), "rotated\n");
    Files.writeString(context.resolve("build/out.o"), "relinked\n");
    Files.writeString(context.resolve("new.log"), "new but ignored\n");
    assertThat(key(context)).as("ignored edits").isEqualTo(before);
  }

  @Test
  void key_changedByEveryInputThatShapesTheImage() throws Exception {
    Path context = sample("ctx");
    Map<String, ContentKey> keys = new LinkedHashMap<>();
    keys.put("base", key(context));
    keys.put("build arg value", key(context, b -> b.buildArg("VERSION", "2")));
    keys.put("extra build arg", key(context, b -> b.buildArg("EXTRA", "")));
    keys.put("no target", key(context, b -> b.target(Optional.empty())));
    keys.put("other target", key(context, b -> b.target(Optional.of("test"))));
    keys.put("second parent", key(context, b -> b.parent("sha256:" + "cd".repeat(32))));
    keys.put("squash own", key(context, b -> b.squashMode(SquashMode.OWN)));
    keys.put("squash all", key(context, b -> b.squashMode(SquashMode.ALL)));
    Files.writeString(context.resolve("src/main.c"), "int main(void) { return 2; }\n");
    keys.put("content edit", key(context));
    Files.setPosixFilePermissions(
        context.resolve("src/main.c"), PosixFilePermissions.fromString("rwxr-xr-x"));
    keys.put("chmod +x", key(context));
    Files.writeString(
        context.resolve("Dockerfile"), "FROM esperanto-fixture/busybox:latest\nCOPY . /ctx/\n");
    keys.put("Dockerfile edit", key(context));
    assertThat(new ArrayList<>(keys.values())).as(keys.toString()).doesNotHaveDuplicates();
  }

  @Test
  void key_changedByParentIdentity() throws Exception {
    Path context = sample("ctx");
    ContentKeyInputs.Builder a = ContentKeyInputs.builder("0".repeat(64)).parent("key-of-base-v1");
    ContentKeyInputs.Builder b = ContentKeyInputs.builder("0".repeat(64)).parent("key-of-base-v2");
    assertThat(a.build().computeKey()).isNotEqualTo(b.build().computeKey());
    ContentKeyInputs.Builder ab = ContentKeyInputs.builder("0".repeat(64)).parent("x").parent("y");
    ContentKeyInputs.Builder ba = ContentKeyInputs.builder("0".repeat(64)).parent("y").parent("x");
    assertThat(ab.build().computeKey()).as("parent order").isNotEqualTo(ba.build().computeKey());
    assertThat(key(context, x -> {})).isNotEqualTo(key(context, x -> x.parent("another")));
  }

  @Test
  void key_changedByPinnedDockerfileReplacement() throws Exception {
    Path context = sample("ctx");
    byte[] pinnedV1 = "FROM esperanto/base:1111\nCOPY . /ctx\n".getBytes(StandardCharsets.UTF_8);
    byte[] pinnedV2 = "FROM esperanto/base:2222\nCOPY . /ctx\n".getBytes(StandardCharsets.UTF_8);
    try (ContextArchive v1 =
            ContextArchive.create(context, "Dockerfile", Optional.of(pinnedV1), tmp);
        ContextArchive v2 =
            ContextArchive.create(context, "Dockerfile", Optional.of(pinnedV2), tmp)) {
      assertThat(ContentKeyInputs.builder(v1.sha256()).build().computeKey())
          .isNotEqualTo(ContentKeyInputs.builder(v2.sha256()).build().computeKey());
    }
  }

  @Test
  void key_buildArgOrderDoesNotMatter_butBoundariesDo() {
    String context = "1".repeat(64);
    ContentKey ab =
        ContentKeyInputs.builder(context)
            .buildArg("A", "1")
            .buildArg("B", "2")
            .build()
            .computeKey();
    ContentKey ba =
        ContentKeyInputs.builder(context)
            .buildArgs(Map.of("B", "2", "A", "1"))
            .build()
            .computeKey();
    assertThat(ab).isEqualTo(ba);
    ContentKey split1 = ContentKeyInputs.builder(context).buildArg("a", "bc").build().computeKey();
    ContentKey split2 = ContentKeyInputs.builder(context).buildArg("ab", "c").build().computeKey();
    assertThat(split1).isNotEqualTo(split2);
    ContentKey emptyTarget =
        ContentKeyInputs.builder(context).target(Optional.of("")).build().computeKey();
    ContentKey noTarget = ContentKeyInputs.builder(context).build().computeKey();
    assertThat(emptyTarget).isNotEqualTo(noTarget);
    ContentKey argNamedParent =
        ContentKeyInputs.builder(context).buildArg("parents", "x").build().computeKey();
    ContentKey parent = ContentKeyInputs.builder(context).parent("x").build().computeKey();
    assertThat(argNamedParent).isNotEqualTo(parent);
  }

  /**
   * Pins the encoding and the tar format: if this fails, every key in every registry changes. That
   * may be intended (then bump {@link ContentKeyInputs#FORMAT_VERSION} and update the expected
   * values), but never by accident, e.g. by a commons-compress upgrade.
   */
  @Test
  void key_isStableAcrossReleases() throws Exception {
    assertThat(
            ContentKeyInputs.builder("0".repeat(64))
                .buildArg("VERSION", "1")
                .target(Optional.of("runtime"))
                .parent("sha256:" + "ab".repeat(32))
                .squashMode(SquashMode.OWN)
                .build()
                .computeKey()
                .value())
        .isEqualTo(GOLDEN_KEY);
    Path context = tmp.resolve("golden");
    ContextFixture.file(context, "Dockerfile", "FROM scratch\nCOPY . /\n", "rw-r--r--");
    ContextFixture.file(context, "bin/run", "#!/bin/sh\n", "rwxr-xr-x");
    ContextFixture.file(
        context,
        "a-very-long-directory-name-".repeat(3) + "/" + "f".repeat(80),
        "x\n",
        "rw-r--r--");
    Files.createSymbolicLink(context.resolve("link"), Path.of("bin/run"));
    try (ContextArchive archive =
        ContextArchive.create(context, "Dockerfile", Optional.empty(), tmp)) {
      assertThat(archive.sha256()).isEqualTo(GOLDEN_CONTEXT);
    }
  }

  private static final String GOLDEN_KEY =
      "20eb93925019b4a5dc23700f80d8aa1ce017553fc9d8ffa93792ab93aad95b41";
  private static final String GOLDEN_CONTEXT =
      "893629c77904d55131bd22b1f4bdfb12390a02d975b3304bace806816deefeaf";

  @Test
  void contentKey_validatesAndGivesTag() {
    String hex = "0123456789abcdef".repeat(4);
    ContentKey key = ContentKey.of(hex);
    assertThat(key.value()).isEqualTo(hex);
    assertThat(key.tag()).isEqualTo("0123456789abcdef0123456789abcdef");
    assertThat(key).isEqualTo(ContentKey.of(hex)).hasSameHashCodeAs(ContentKey.of(hex));
    assertThat(key.toString()).isEqualTo(hex);
    for (String bad : List.of("", "abc", hex.toUpperCase(), hex + "0", hex.replace('a', 'g'))) {
      assertThat(ContentKey.isValid(bad)).as(bad).isFalse();
      assertThatThrownBy(() -> ContentKey.of(bad))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("64 lower-case hex digits");
    }
    assertThat(ContentKey.isValid(null)).isFalse();
    assertThatThrownBy(() -> ContentKeyInputs.builder("nope"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void inputs_toStringHidesBuildArgValues() {
    ContentKeyInputs inputs =
        ContentKeyInputs.builder("2".repeat(64)).buildArg("TOKEN", "s3cr3t").build();
    assertThat(inputs.toString()).contains("TOKEN").doesNotContain("s3cr3t");
    assertThat(inputs)
        .isEqualTo(ContentKeyInputs.builder("2".repeat(64)).buildArg("TOKEN", "s3cr3t").build());
  }
}
