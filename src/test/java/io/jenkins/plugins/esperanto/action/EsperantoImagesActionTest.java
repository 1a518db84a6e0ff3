package io.jenkins.plugins.esperanto.action;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.esperanto.doubles.FakeRun;
import org.junit.jupiter.api.Test;

/** Tests for {@link EsperantoImagesAction}: one action per build, one row per reference. */
class EsperantoImagesActionTest {
  private static ImageRecord image(String name, String reference, String action) {
    return ImageRecord.of(name, reference, "k", "sha256:" + name, action, 2_500_000);
  }

  @Test
  void record_addsOneActionPerBuild_andReplacesARepeatedReference() throws Exception {
    FakeRun run = new FakeRun("job#1");

    EsperantoImagesAction.record(run, image("base", "r/base:1", "BUILT"));
    EsperantoImagesAction.record(run, image("toolchain", "r/toolchain:2", "PULLED"));
    EsperantoImagesAction.record(run, image("base", "r/base:1", "UP_TO_DATE"));

    assertThat(run.getActions()).hasSize(1);
    assertThat(run.getAction(EsperantoImagesAction.class).getImages()).extracting(ImageRecord::getReference,
        ImageRecord::getAction).containsExactly(
            org.assertj.core.groups.Tuple.tuple("r/toolchain:2", "PULLED"),
            org.assertj.core.groups.Tuple.tuple("r/base:1", "UP_TO_DATE"));
    assertThat(run.getAction(EsperantoImagesAction.class).getUrlName()).isEqualTo("esperanto");
  }

  @Test
  void record_savesTheBuildOncePerImage() throws Exception {
    FakeRun run = new FakeRun("job#1");

    EsperantoImagesAction.record(run, image("base", "r/base:1", "BUILT"));
    EsperantoImagesAction.record(run, image("toolchain", "r/toolchain:2", "PULLED"));

    assertThat(run.saves).isEqualTo(2);
    assertThat(hudson.BulkChange.current()).isNull();
  }

  @Test
  void sizeText_isForPeople() {
    assertThat(image("a", "r/a:1", "BUILT").getSizeText()).isEqualTo("2.5 MB");
    assertThat(ImageRecord.of("a", "r", "k", "i", "BUILT", 4_200).getSizeText()).isEqualTo("4 kB");
  }
}
