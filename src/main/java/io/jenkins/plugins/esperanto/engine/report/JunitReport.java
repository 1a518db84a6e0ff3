package io.jenkins.plugins.esperanto.engine.report;

import io.jenkins.plugins.esperanto.engine.rebuild.RebuildAction;
import io.jenkins.plugins.esperanto.engine.rebuild.RebuildEntry;
import io.jenkins.plugins.esperanto.engine.rebuild.RebuildReport;
import java.io.StringWriter;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * The rebuild report as JUnit XML, so that Jenkins' {@code junit} step shows a rebuild like a
 * test run: one suite, one test case per image (class name {@code esperanto.rebuild}), a failed
 * build as {@code <failure>}, a skipped image as {@code <skipped>}, what was done in
 * {@code <system-out>}.
 */
public final class JunitReport {
  /** The class name every test case carries; Jenkins groups the images under it. */
  public static final String CLASS_NAME = "esperanto.rebuild";

  private JunitReport() {}

  /** The report as a JUnit XML document. */
  public static String render(RebuildReport report) {
    StringWriter text = new StringWriter();
    try {
      XMLStreamWriter xml = XMLOutputFactory.newFactory().createXMLStreamWriter(text);
      xml.writeStartDocument("UTF-8", "1.0");
      xml.writeCharacters("\n");
      xml.writeStartElement("testsuites");
      xml.writeStartElement("testsuite");
      xml.writeAttribute("name", CLASS_NAME);
      xml.writeAttribute("tests", String.valueOf(report.entries().size()));
      xml.writeAttribute("failures", String.valueOf(report.count(RebuildAction.FAILED)));
      xml.writeAttribute("errors", "0");
      xml.writeAttribute("skipped", String.valueOf(report.count(RebuildAction.SKIPPED)));
      xml.writeAttribute("time", Sizes.junitSeconds(report.duration()));
      xml.writeAttribute("timestamp", DateTimeFormatter.ISO_LOCAL_DATE_TIME.format(
          report.started().atOffset(ZoneOffset.UTC).withNano(0)));
      for (RebuildEntry entry : report.entries()) {
        testCase(xml, entry);
      }
      xml.writeEndElement();
      xml.writeEndElement();
      xml.writeEndDocument();
      xml.close();
    } catch (XMLStreamException e) {
      throw new IllegalStateException("writing XML to a string does not fail", e);
    }
    return text + "\n";
  }

  private static void testCase(XMLStreamWriter xml, RebuildEntry entry) throws XMLStreamException {
    xml.writeCharacters("\n  ");
    xml.writeStartElement("testcase");
    xml.writeAttribute("classname", CLASS_NAME);
    xml.writeAttribute("name", entry.name());
    xml.writeAttribute("time", Sizes.junitSeconds(entry.duration()));
    if (entry.action() == RebuildAction.FAILED) {
      xml.writeStartElement("failure");
      xml.writeAttribute("message", oneLine(entry.message().orElse("build failed")));
      xml.writeAttribute("type", "BuildFailed");
      xml.writeCharacters(clean(entry.message().orElse("")));
      xml.writeEndElement();
    } else if (entry.action() == RebuildAction.SKIPPED) {
      xml.writeEmptyElement("skipped");
      xml.writeAttribute("message", oneLine(entry.message().orElse("skipped")));
    }
    xml.writeStartElement("system-out");
    xml.writeCharacters(clean(entry.action().label() + " key " + entry.key()
        + entry.reference().map(r -> "\nreference " + r).orElse("")
        + "\nsize before squash " + Sizes.bytes(entry.sizeBeforeSquash()) + ", size " + Sizes.bytes(entry.size())
        + ", pushed " + Sizes.bytes(entry.pushBytes())
        + entry.message().map(m -> "\n" + m).orElse("") + "\n"));
    xml.writeEndElement();
    xml.writeEndElement();
  }

  private static String oneLine(String text) {
    return clean(text.replace('\n', ' ').replace('\r', ' '));
  }

  /** Build output may hold control characters (colour codes), which XML 1.0 cannot carry. */
  private static String clean(String text) {
    StringBuilder out = new StringBuilder(text.length());
    text.codePoints().forEach(c -> out.appendCodePoint(c < 0x20 && c != '\n' && c != '\t' && c != '\r' ? '?' : c));
    return out.toString();
  }
}
