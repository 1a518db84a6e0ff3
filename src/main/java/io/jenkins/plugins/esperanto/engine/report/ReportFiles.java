package io.jenkins.plugins.esperanto.engine.report;

import io.jenkins.plugins.esperanto.engine.api.EsperantoException;
import io.jenkins.plugins.esperanto.engine.rebuild.RebuildReport;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/**
 * Writes every form of a rebuild report into one folder: {@value #TEXT}, {@value #JSON},
 * {@value #JUNIT} and {@value #HTML}. Each file is written whole to a temporary name and then
 * moved into place, so a reader (Jenkins' {@code junit} step) never sees half a report.
 */
public final class ReportFiles {
  /** The console table. */
  public static final String TEXT = "rebuild-report.txt";
  /** The JSON document. */
  public static final String JSON = "rebuild-report.json";
  /** The JUnit XML. */
  public static final String JUNIT = "rebuild-junit.xml";
  /** The HTML page. */
  public static final String HTML = "rebuild-report.html";

  private ReportFiles() {}

  /**
   * Writes the four files into {@code dir}, creating it when needed.
   *
   * @return the files written
   * @throws EsperantoException when the folder cannot be written
   */
  public static List<Path> write(RebuildReport report, Path dir) throws EsperantoException {
    try {
      Files.createDirectories(dir);
      return List.of(
          write(dir, TEXT, String.join("\n", ConsoleTable.render(report)) + "\n"),
          write(dir, JSON, JsonReport.render(report)),
          write(dir, JUNIT, JunitReport.render(report)),
          write(dir, HTML, HtmlReport.render(report)));
    } catch (IOException e) {
      throw new EsperantoException("Tried to write the rebuild report to " + dir + " but failed because "
          + e.getMessage() + "; pass a writable folder with --report-dir", e);
    }
  }

  private static Path write(Path dir, String name, String content) throws IOException {
    Path target = dir.resolve(name);
    Path temp = Files.createTempFile(dir, "." + name, ".tmp");
    try {
      Files.writeString(temp, content, StandardCharsets.UTF_8);
      Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(temp);
    }
    return target;
  }
}
