package io.jenkins.plugins.esperanto.engine.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.esperanto.engine.api.ImageName;
import io.jenkins.plugins.esperanto.engine.api.InvalidCatalogException;
import io.jenkins.plugins.esperanto.engine.api.InvalidImageNameException;
import io.jenkins.plugins.esperanto.engine.testing.TestCatalog;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Tests for {@link Catalog}. */
class CatalogTest {
  @TempDir Path dir;

  @Test
  void buildOrder_putsParentsFirst() throws Exception {
    new TestCatalog(dir)
        .image("app", "FROM esperanto/tools\n", null)
        .image("tools", "ARG BASE=esperanto/base\nFROM ${BASE}\n", null)
        .image("base", "FROM scratch\n", null)
        .image("other", "FROM esperanto-fixture/busybox:latest\n", null);
    Catalog catalog = Catalog.load(dir);
    assertThat(catalog.names()).extracting(ImageName::value).containsExactly("app", "base", "other", "tools");
    assertThat(catalog.buildOrder(List.of(ImageName.of("app"), ImageName.of("other"))))
        .extracting(image -> image.name().value())
        .containsExactly("base", "tools", "app", "other");
  }

  @Test
  void withDependents_addsEveryImageBuiltFromTheChangedOnes() throws Exception {
    new TestCatalog(dir)
        .image("base", "FROM scratch\n", null)
        .image("tools", "FROM esperanto/base\n", null)
        .image("app", "FROM esperanto/tools\n", null)
        .image("other", "FROM scratch\n", null)
        .image("broken", "FROM scratch\n", "nonsense: key\n");
    Catalog catalog = Catalog.load(dir);
    assertThat(catalog.withDependents(List.of(ImageName.of("tools"))))
        .extracting(ImageName::value).containsExactly("app", "tools");
    assertThat(catalog.withDependents(List.of(ImageName.of("base"))))
        .extracting(ImageName::value).containsExactly("app", "base", "tools");
    assertThat(catalog.withDependents(List.of(ImageName.of("other"))))
        .extracting(ImageName::value).containsExactly("other");
  }

  @Test
  void buildOrder_cycle_isRejectedWithThePath() throws Exception {
    new TestCatalog(dir)
        .image("a", "FROM esperanto/b\n", null)
        .image("b", "FROM esperanto/c:latest\n", null)
        .image("c", "FROM esperanto/a\n", null);
    Catalog catalog = Catalog.load(dir);
    assertThatThrownBy(() -> catalog.buildOrder(List.of(ImageName.of("a"))))
        .isInstanceOf(InvalidCatalogException.class)
        .hasMessageContaining("images build FROM each other in a cycle: a -> b -> c -> a");
  }

  @Test
  void image_unknown_listsKnownImages() throws Exception {
    new TestCatalog(dir).image("base", "FROM scratch\n", null);
    assertThatThrownBy(() -> Catalog.load(dir).image("nope"))
        .isInstanceOf(InvalidCatalogException.class)
        .hasMessage("Unknown image 'nope' in catalog " + dir.toRealPath() + "; known images: base");
  }

  @Test
  void image_missingDockerfile_namesThePath() throws Exception {
    new TestCatalog(dir).write("empty/image.yaml", "description: x\n");
    assertThatThrownBy(() -> Catalog.load(dir).image("empty"))
        .isInstanceOf(InvalidCatalogException.class)
        .hasMessageStartingWith(dir.resolve("empty/Docker/Dockerfile") + ": missing");
  }

  @Test
  void image_invalidYaml_isReportedWhenThatImageIsUsedOnly() throws Exception {
    new TestCatalog(dir)
        .image("good", "FROM scratch\n", "description: fine\n")
        .image("bad", "FROM scratch\n", "descriptio: typo\n");
    Catalog catalog = Catalog.load(dir);
    assertThat(catalog.image("good").spec().description()).contains("fine");
    assertThatThrownBy(() -> catalog.image("bad"))
        .hasMessage(dir.resolve("bad/image.yaml") + ":1: unknown key 'descriptio'; expected one of build, commands, description, run");
  }

  @Test
  void parentsOf_unknownCatalogParent_isAnError() throws Exception {
    new TestCatalog(dir).image("child", "FROM esperanto/ghost\n", null);
    Catalog catalog = Catalog.load(dir);
    assertThatThrownBy(() -> catalog.buildOrder(List.of(ImageName.of("child"))))
        .isInstanceOf(InvalidCatalogException.class)
        .hasMessageContaining("FROM esperanto/ghost names no image of the catalog");
  }

  @ParameterizedTest
  @ValueSource(strings = {"../etc", "Base", "-x", "a/b", "a b", "$(id)", ""})
  void image_invalidName_isRejectedBeforeAnyFileAccess(String name) throws Exception {
    Catalog catalog = Catalog.load(dir);
    assertThatThrownBy(() -> catalog.image(name)).isInstanceOf(InvalidImageNameException.class)
        .hasMessageContaining("Invalid image name");
  }

  @Test
  void load_missingFolder_saysHowToFixIt() {
    assertThatThrownBy(() -> Catalog.load(dir.resolve("nowhere")))
        .isInstanceOf(InvalidCatalogException.class)
        .hasMessageContaining("does not exist; pass --catalog DIR");
  }

  @Test
  void load_folderWithInvalidName_isAnError() {
    new TestCatalog(dir).image("Bad_Name", "FROM scratch\n", null);
    assertThatThrownBy(() -> Catalog.load(dir))
        .isInstanceOf(InvalidCatalogException.class)
        .hasMessageContaining("Bad_Name: folder name is not a valid image name");
  }
}
