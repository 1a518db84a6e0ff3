package io.jenkins.plugins.esperanto.doubles;

import hudson.model.TaskListener;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/** A build log kept in memory. Serialisable as a TaskListener must be; the log is transient. */
public final class RecordingListener implements TaskListener {
  private static final long serialVersionUID = 1L;
  private final transient ByteArrayOutputStream bytes = new ByteArrayOutputStream();
  private final transient PrintStream logger = new PrintStream(bytes, true, StandardCharsets.UTF_8);

  @Override
  public PrintStream getLogger() {
    return logger;
  }

  /** Everything logged so far. */
  public String text() {
    return bytes.toString(StandardCharsets.UTF_8);
  }
}
