package io.jenkins.plugins.esperanto.engine.key;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.esperanto.engine.api.EsperantoException;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Archives contexts in child JVMs started under the C, POSIX and C.UTF-8 locales, as a Jenkins
 * agent started by systemd or {@code env -i} would be: the archive is byte for byte the same
 * wherever it can be made exactly, and where a name cannot be read exactly (non-ASCII under
 * C/POSIX, invalid UTF-8 anywhere) the archive fails naming the path, never with a mangled
 * entry that merges {@code café.txt} and {@code cafè.txt}.
 */
class ContextArchiveLocaleTest {
  private static final String CAFE_ACUTE = "caf\\303\\251.txt";
  private static final String CAFE_GRAVE = "caf\\303\\250.txt";

  @TempDir Path tmp;

  @Test
  void create_utf8Locale_keepsBothNonAsciiNames() throws Exception {
    Path context = context("accents", CAFE_ACUTE, CAFE_GRAVE);

    String output = archiveIn("C.UTF-8", context);

    assertThat(output).startsWith("sha256 ");
    assertThat(names(tmp.resolve("accents.tar")))
        .containsExactly("Dockerfile", "cafè.txt", "café.txt"); // byte order
  }

  @ParameterizedTest
  @ValueSource(strings = {"C", "POSIX"})
  void create_asciiLocale_refusesNonAsciiNamesNamingThePath(String locale) throws Exception {
    Path context = context("accents", CAFE_ACUTE, CAFE_GRAVE);

    String output = archiveIn(locale, context);

    assertThat(output).startsWith("error ").contains(context.toString() + "/caf")
        .contains("LC_ALL=C.UTF-8").doesNotContain("\n");
    assertThat(tmp.resolve("accents.tar")).doesNotExist();
  }

  @Test
  void create_invalidUtf8Name_isRefusedEvenUnderUtf8() throws Exception {
    Path context = context("latin1", "caf\\351.txt");

    assertThat(archiveIn("C.UTF-8", context)).startsWith("error ").contains("not valid UTF-8");
  }

  @Test
  void create_asciiNames_sameBytesUnderEveryLocale() throws Exception {
    Path context = context("ascii", "plain.txt", "link-target");
    Files.createSymbolicLink(context.resolve("link"), Path.of("plain.txt"));

    List<String> digests = new ArrayList<>();
    for (String locale : List.of("C", "POSIX", "C.UTF-8")) {
      digests.add(archiveIn(locale, context));
    }

    assertThat(digests.get(0)).startsWith("sha256 ");
    assertThat(digests).containsOnly(digests.get(0));
  }

  /** A context holding a Dockerfile and files named by printf escapes (raw bytes). */
  private Path context(String name, String... fileNames) throws Exception {
    Path context = Files.createDirectory(tmp.resolve(name));
    Files.writeString(context.resolve("Dockerfile"), "FROM scratch\nCOPY . /\n");
    for (String file : fileNames) {
      // Created by the shell, so that the bytes do not depend on this JVM's locale.
      Process p = new ProcessBuilder("sh", "-c", "printf '%s\\n' \"$1\" > \"$(printf \"$1\")\"",
          "sh", file).directory(context.toFile()).start();
      assertThat(p.waitFor()).isZero();
    }
    return context;
  }

  private String archiveIn(String locale, Path context) throws Exception {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    ProcessBuilder builder = new ProcessBuilder(List.of(java.toString(), "-cp",
        System.getProperty("java.class.path"), Main.class.getName(), context.toString(),
        tmp.resolve(context.getFileName() + ".tar").toString()))
        .redirectErrorStream(true);
    builder.environment().remove("LANG");
    builder.environment().remove("LC_CTYPE");
    builder.environment().put("LC_ALL", locale);
    Process child = builder.start();
    String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(child.exitValue()).as(output).isZero();
    return output.strip();
  }

  private static List<String> names(Path tar) throws Exception {
    List<String> names = new ArrayList<>();
    try (TarArchiveInputStream in = new TarArchiveInputStream(
        new ByteArrayInputStream(Files.readAllBytes(tar)), "UTF-8")) {
      for (TarArchiveEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
        names.add(e.getName());
      }
    }
    return names;
  }

  /** The child: archives a context; prints "sha256 <hex>" and keeps a copy, or "error <msg>". */
  public static final class Main {
    public static void main(String[] args) throws Exception {
      Path context = Path.of(args[0]);
      try (ContextArchive archive =
          ContextArchive.create(context, "Dockerfile", Optional.empty(), context.getParent())) {
        Files.copy(archive.file(), Path.of(args[1]), StandardCopyOption.REPLACE_EXISTING);
        System.out.println("sha256 " + archive.sha256());
      } catch (EsperantoException e) {
        System.out.println("error " + e.getMessage());
      }
    }
  }
}
