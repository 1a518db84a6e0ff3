package io.jenkins.plugins.esperanto.engine.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jenkins.plugins.esperanto.engine.rebuild.RebuildAction;
import io.jenkins.plugins.esperanto.engine.rebuild.RebuildEntry;
import io.jenkins.plugins.esperanto.engine.rebuild.RebuildReport;
import java.awt.image.BufferedImage;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.SchemaFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** Tests for {@link ReportFiles} and the four report formats. */
class ReportFilesTest {
  private static final String KEY = "0123456789abcdef".repeat(4);

  @TempDir Path dir;
  @TempDir Path browserProfile;

  private static RebuildEntry entry(String name, RebuildAction action, long before, long size, long pushed,
      long millis, String message) {
    boolean available = !action.isProblem();
    return RebuildEntry.restore(name, KEY, action,
        available ? Optional.of("esperanto/" + name + ":" + KEY.substring(0, 32)) : Optional.empty(),
        available ? OptionalLong.of(before) : OptionalLong.empty(),
        available ? OptionalLong.of(size) : OptionalLong.empty(),
        pushed > 0 ? OptionalLong.of(pushed) : OptionalLong.empty(), Duration.ofMillis(millis),
        Optional.ofNullable(message));
  }

  private static RebuildReport sample() {
    List<RebuildEntry> entries = List.of(
        entry("base", RebuildAction.BUILT, 240_000_000, 138_000_000, 138_000_000, 41_500, null),
        entry("toolchain", RebuildAction.PULLED, 90_000_000, 90_000_000, 0, 3_200, null),
        entry("docs", RebuildAction.UP_TO_DATE, 12_000_000, 12_000_000, 0, 0, "refreshed: filesystem unchanged, not pushed"),
        entry("broken", RebuildAction.FAILED, 0, 0, 0, 2_100,
            "Build of image 'broken' failed at Step 2/2 : RUN exit 3 <&\"'> \u001b[31mred\u001b[0m"),
        entry("broken-child", RebuildAction.SKIPPED, 0, 0, 0, 0, "builds FROM broken, which failed"));
    return RebuildReport.of(Instant.parse("2026-11-29T02:00:00Z"), Duration.ofMillis(47_000), 2, false, entries);
  }

  @Test
  void write_json_parsesWithEveryImageAndAction() throws Exception {
    ReportFiles.write(sample(), dir);
    JsonNode json = new ObjectMapper().readTree(dir.resolve(ReportFiles.JSON).toFile());

    assertThat(json.path("format").asInt()).isEqualTo(JsonReport.FORMAT);
    assertThat(json.path("success").asBoolean()).isFalse();
    assertThat(json.path("counts").path("failed").asInt()).isEqualTo(1);
    List<String> names = new ArrayList<>();
    json.path("images").forEach(i -> names.add(i.path("name").asText() + "=" + i.path("action").asText()));
    assertThat(names).containsExactly("base=built", "toolchain=pulled", "docs=up-to-date", "broken=failed",
        "broken-child=skipped");
    JsonNode base = json.path("images").get(0);
    assertThat(base.path("sizeBeforeSquash").asLong()).isEqualTo(240_000_000);
    assertThat(base.path("size").asLong()).isEqualTo(138_000_000);
    assertThat(base.path("durationMillis").asLong()).isEqualTo(41_500);
    assertThat(base.path("key").asText()).isEqualTo(KEY);
    assertThat(json.path("images").get(4).path("size").isNull()).isTrue();
    assertThat(json.path("images").get(3).path("message").asText()).contains("<&\"'>");
  }

  @Test
  void write_junit_isValidAgainstTheJunitSchemaWithFailuresAndSkips() throws Exception {
    ReportFiles.write(sample(), dir);
    File xml = dir.resolve(ReportFiles.JUNIT).toFile();

    SchemaFactory schemas = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI);
    schemas.newSchema(getClass().getResource("junit.xsd")).newValidator().validate(new StreamSource(xml));

    Document document = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(xml);
    Element suite = (Element) document.getElementsByTagName("testsuite").item(0);
    assertThat(suite.getAttribute("tests")).isEqualTo("5");
    assertThat(suite.getAttribute("failures")).isEqualTo("1");
    assertThat(suite.getAttribute("skipped")).isEqualTo("1");
    NodeList cases = document.getElementsByTagName("testcase");
    assertThat(cases.getLength()).isEqualTo(5);
    Element broken = (Element) cases.item(3);
    assertThat(broken.getAttribute("name")).isEqualTo("broken");
    Element failure = (Element) broken.getElementsByTagName("failure").item(0);
    assertThat(failure.getAttribute("message")).contains("Step 2/2 : RUN exit 3 <&\"'>");
    assertThat(((Element) cases.item(4)).getElementsByTagName("skipped").getLength()).isEqualTo(1);
    assertThat(((Element) cases.item(0)).getElementsByTagName("failure").getLength()).isZero();
  }

  @Test
  void write_text_isTheConsoleTable() throws Exception {
    ReportFiles.write(sample(), dir);
    List<String> lines = Files.readAllLines(dir.resolve(ReportFiles.TEXT));

    assertThat(lines.get(0)).startsWith("IMAGE").contains("ACTION", "KEY", "BEFORE SQUASH", "SIZE", "PUSHED", "TIME");
    assertThat(lines.get(1)).startsWith("base").contains("built", KEY.substring(0, 32), "240.0 MB", "138.0 MB", "41.5 s");
    assertThat(lines).anyMatch(l -> l.startsWith("broken-child skipped: builds FROM broken"));
    assertThat(lines.get(lines.size() - 1)).isEqualTo(
        "5 image(s): 1 up-to-date, 1 pulled, 1 built, 1 failed, 1 skipped in 47.0 s");
  }

  @Test
  void write_html_isSelfContainedAndRendersInHeadlessChromium() throws Exception {
    ReportFiles.write(sample(), dir);
    Path html = dir.resolve(ReportFiles.HTML);
    String page = Files.readString(html);
    assertThat(page).doesNotContain("<script", "<link", "http://", "https://", "src=");
    assertThat(page).contains("&lt;&amp;&quot;&#39;&gt;");

    Path screenshot = dir.resolve("report.png");
    chromium("--screenshot=" + screenshot, "--window-size=1200,800", html.toUri().toString());
    BufferedImage image = ImageIO.read(screenshot.toFile());
    assertThat(image).isNotNull();
    assertThat(image.getWidth()).isEqualTo(1200);
    Set<Integer> colours = new HashSet<>();
    for (int y = 0; y < image.getHeight(); y += 4) {
      for (int x = 0; x < image.getWidth(); x += 4) {
        colours.add(image.getRGB(x, y));
      }
    }
    assertThat(colours).as("distinct colours in the screenshot").hasSizeGreaterThan(5);

    String dom = chromium("--dump-dom", html.toUri().toString());
    Matcher rows = Pattern.compile("<tr class=\"image ([a-z-]+)\"><td>([^<]+)</td>").matcher(dom);
    List<String> found = new ArrayList<>();
    while (rows.find()) {
      found.add(rows.group(2) + "=" + rows.group(1));
    }
    assertThat(found).containsExactly("base=built", "toolchain=pulled", "docs=up-to-date", "broken=failed",
        "broken-child=skipped");
    assertThat(dom).contains("class=\"bar before\" style=\"width:100.0%\"", "class=\"bar size\" style=\"width:57.5%\"");
  }

  /** Runs Debian's chromium headless and returns its standard output. */
  private String chromium(String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of("chromium", "--headless", "--no-sandbox", "--disable-gpu",
        "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
        "--user-data-dir=" + browserProfile));
    command.addAll(List.of(args));
    Path out = dir.resolve("chromium-out.txt");
    Path err = dir.resolve("chromium-err.txt");
    Process process = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
    if (!process.waitFor(120, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("chromium did not finish in 120 s");
    }
    assertThat(process.exitValue()).as("chromium exit; stderr: %s", Files.readString(err)).isZero();
    return Files.readString(out, StandardCharsets.UTF_8);
  }
}
