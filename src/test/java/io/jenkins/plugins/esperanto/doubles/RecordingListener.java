package io.jenkins.plugins.esperanto.doubles;

import hudson.model.TaskListener;
import java.io.ByteArrayOutputStream;
import java.io.NotSerializableException;
import java.io.ObjectOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * A build log kept in memory. As every TaskListener (core 2.555.3,
 * core/src/main/java/hudson/model/TaskListener.java, a SerializableOnlyOverRemoting), it crosses
 * a channel ({@link InProcessChannel} exports it) but refuses any other serialisation, such as
 * being persisted with a Pipeline.
 */
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

  /** As remoting's SerializableOnlyOverRemoting.getChannelForSerialization outside a channel. */
  private void writeObject(ObjectOutputStream out) throws NotSerializableException {
    throw new NotSerializableException("The calling thread " + Thread.currentThread()
        + " has no associated channel. The current object " + this
        + " is SerializableOnlyOverRemoting, but it is likely being serialized to disk or any other format"
        + " not supported.");
  }
}
