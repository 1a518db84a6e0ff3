package io.jenkins.plugins.esperanto.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code ./esperanto} launcher under the C, POSIX and C.UTF-8 locales (systemd units and
 * {@code env -i} give C): {@code esperanto key} of a context holding {@code café.txt} and
 * {@code cafè.txt} prints the same key under each. The launcher itself runs; only the two
 * programs it starts are stand-ins: {@code mvn} (the CLI is already compiled by this build)
 * and {@code java}, which starts this build's classes instead of the packaged jar.
 */
class LauncherLocaleTest {
  private static final String FIXTURE = "esperanto-fixture/busybox:latest";

  @TempDir Path workspace;
  @TempDir Path bin;

  @Test
  void key_nonAsciiNames_sameKeyUnderEveryLocale() throws Exception {
    Path context = Files.createDirectories(workspace.resolve("images/accents/Docker"));
    Files.writeString(context.resolve("Dockerfile"), "FROM " + FIXTURE + "\nCOPY . /ctx/\n");
    for (String name : List.of("caf\\303\\251.txt", "caf\\303\\250.txt")) {
      // Made by the shell, so that the name's bytes do not depend on this JVM's locale.
      Process p = new ProcessBuilder("sh", "-c", "echo \"$1\" > \"$(printf \"$1\")\"", "sh", name)
          .directory(context.toFile()).start();
      assertThat(p.waitFor()).isZero();
    }
    standIns();

    List<String> keys = new ArrayList<>();
    for (String locale : List.of("C", "POSIX", "C.UTF-8")) {
      keys.add(keyUnder(locale));
    }

    assertThat(keys.get(0)).matches("[0-9a-f]{32,64}");
    assertThat(keys).containsOnly(keys.get(0));
  }

  private void standIns() throws Exception {
    executable("mvn", "#!/bin/sh\nexit 0\n");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    // Drops the launcher's JVM options and "-jar <jar>", keeps the command's arguments.
    executable("java", "#!/bin/sh\nwhile [ \"$1\" != -jar ]; do shift; done; shift 2\n"
        + "exec '" + java + "' -cp \"$TEST_CLASSPATH\" " + Main.class.getName() + " \"$@\"\n");
  }

  private void executable(String name, String script) throws Exception {
    Path file = Files.writeString(bin.resolve(name), script);
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
  }

  private String keyUnder(String locale) throws Exception {
    Path launcher = Path.of(System.getProperty("user.dir")).getParent().resolve("esperanto");
    ProcessBuilder builder = new ProcessBuilder(launcher.toString(), "key", "accents")
        .directory(workspace.toFile()).redirectError(bin.resolve("stderr").toFile());
    builder.environment().remove("LANG");
    builder.environment().remove("LC_CTYPE");
    builder.environment().put("LC_ALL", locale);
    builder.environment().put("PATH", bin + ":" + System.getenv("PATH"));
    builder.environment().put("TEST_CLASSPATH", System.getProperty("java.class.path"));
    builder.environment().put("ESPERANTO_REPOSITORY", "esperanto-clitest-locale");
    Process process = builder.start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(2, TimeUnit.MINUTES)).isTrue();
    assertThat(process.exitValue()).as(locale + ": " + output
        + Files.readString(bin.resolve("stderr"), StandardCharsets.UTF_8)).isZero();
    return output.strip();
  }
}
