package io.jenkins.plugins.esperanto.hpi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Tests for {@link PluginDependency}: the manifest form Jenkins' {@code PluginWrapper.Dependency} reads. */
class PluginDependencyTest {

  @Test
  void parse_requiredAndOptional_asPluginWrapperDependency() {
    assertThat(PluginDependency.parse("credentials:1511.v2e3cb_0008ef0,cac:1.0;resolution:=optional,x:2;other"))
        .containsExactly(new PluginDependency("credentials", "1511.v2e3cb_0008ef0", false),
            new PluginDependency("cac", "1.0", true), new PluginDependency("x", "2;other", false));
  }

  @Test
  void toString_isTheManifestForm() {
    assertThat(List.of(new PluginDependency("a", "1", false), new PluginDependency("b", "2", true)))
        .extracting(PluginDependency::toString).containsExactly("a:1", "b:2;resolution:=optional");
  }

  @Test
  void parse_entryWithoutVersion_refused() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> PluginDependency.parse("a:1,b"));
    assertThat(e).hasMessage("Plugin-Dependencies entry 'b' is not name:version");
  }
}
