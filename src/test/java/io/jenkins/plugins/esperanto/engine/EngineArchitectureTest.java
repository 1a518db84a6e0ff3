package io.jenkins.plugins.esperanto.engine;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.Test;

/** The engine must run without Jenkins: the CLI uses it at a desk, the plugin on an agent. */
class EngineArchitectureTest {
  private static final JavaClasses ENGINE = new ClassFileImporter()
      .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
      .importPackages("io.jenkins.plugins.esperanto.engine");

  @Test
  void engine_importsNothingFromJenkins() {
    ArchRule rule = noClasses().that().resideInAPackage("io.jenkins.plugins.esperanto.engine..")
        .should().dependOnClassesThat().resideInAnyPackage(
            "hudson..", "jenkins..", "org.jenkinsci..", "org.kohsuke..", "com.cloudbees..")
        .because("the engine knows nothing of Jenkins (design.md)");
    rule.check(ENGINE);
  }

  @Test
  void engine_importsNothingFromTheCli() {
    noClasses().that().resideInAPackage("io.jenkins.plugins.esperanto.engine..")
        .should().dependOnClassesThat().resideInAnyPackage("picocli..", "io.jenkins.plugins.esperanto.cli..")
        .check(ENGINE);
  }

  @Test
  void engine_isNotEmpty() {
    // Guards the two rules above against passing vacuously on an empty import.
    org.assertj.core.api.Assertions.assertThat(ENGINE.size()).isGreaterThan(10);
  }
}
