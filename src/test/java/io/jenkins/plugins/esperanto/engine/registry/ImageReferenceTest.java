package io.jenkins.plugins.esperanto.engine.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Tests for {@link ImageReference}. */
class ImageReferenceTest {

  @ParameterizedTest
  @CsvSource({
    "127.0.0.1:5000/x/base:abc, 127.0.0.1:5000, x/base, abc",
    "registry.example.com/team/base:1.0, registry.example.com, team/base, 1.0",
    "localhost:5000/base:t, localhost:5000, base, t",
    "123456789012.dkr.ecr.eu-north-1.amazonaws.com/esperanto/tool_chain:3f2a, 123456789012.dkr.ecr.eu-north-1.amazonaws.com, esperanto/tool_chain, 3f2a",
  })
  void parse_withRegistry_splitsParts(String value, String registry, String repository, String tag) throws Exception {
    ImageReference reference = ImageReference.parse(value);

    assertThat(reference.registry()).contains(registry);
    assertThat(reference.repository()).isEqualTo(repository);
    assertThat(reference.tag()).isEqualTo(tag);
    assertThat(reference.toString()).isEqualTo(value);
  }

  @Test
  void parse_localName_hasNoRegistry() throws Exception {
    ImageReference reference = ImageReference.parse("esperanto/base:abc");

    assertThat(reference.registry()).isEmpty();
    assertThat(reference.repositoryWithRegistry()).isEqualTo("esperanto/base");
  }

  @ParameterizedTest
  @ValueSource(strings = {"127.0.0.1:5000/x/base", "x/Base:t", "x/base:", "x/base@sha256:00", "x/base:t;rm -rf", "x/../base:t",
      "-x/base:t", "x/base:-t"})
  void parse_malformed_isRejectedWithExpectation(String value) {
    InvalidRegistrySettingException e = assertThrows(InvalidRegistrySettingException.class, () -> ImageReference.parse(value));

    assertThat(e.getMessage()).startsWith("Invalid image reference '").contains("expected");
  }

  @Test
  void withTag_keepsRepository() throws Exception {
    assertThat(ImageReference.parse("h.io/a/b:1").withTag("2").toString()).isEqualTo("h.io/a/b:2");
  }
}
