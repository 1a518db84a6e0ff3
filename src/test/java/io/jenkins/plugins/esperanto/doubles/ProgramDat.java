package io.jenkins.plugins.esperanto.doubles;

import hudson.FilePath;
import hudson.model.TaskListener;
import hudson.remoting.RemoteOutputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.NotSerializableException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.OutputStream;
import java.io.Serializable;

/**
 * What a Pipeline persists in {@code program.dat}, modelled on
 * jenkinsci/workflow-support-plugin .../workflow/support/pickles/serialization/RiverWriter.java at f54f422aa26f
 * and jenkinsci/workflow-durable-task-step-plugin .../workflow/support/pickles/FilePathPickle.java at f149cdb6af7a
 * (both under src/main/java/org/jenkinsci/plugins/): Java serialisation in which a {@link FilePath} is
 * pickled (kept as agent name and path), while a {@link TaskListener} or a
 * {@link RemoteOutputStream}, being SerializableOnlyOverRemoting, fails (there is no channel).
 */
public final class ProgramDat {
  private ProgramDat() {}

  /** Writes {@code value} as program.dat would and reads it back. */
  @SuppressWarnings("unchecked")
  public static <T extends Serializable> T roundTrip(T value) throws IOException, ClassNotFoundException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new Writer(bytes)) {
      out.writeObject(value);
    }
    try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
      return (T) in.readObject();
    }
  }

  private static final class Writer extends ObjectOutputStream {
    Writer(OutputStream out) throws IOException {
      super(out);
      enableReplaceObject(true);
    }

    @Override
    protected Object replaceObject(Object obj) throws IOException {
      if (obj instanceof TaskListener || obj instanceof RemoteOutputStream) {
        throw new NotSerializableException(obj.getClass().getName()
            + " is SerializableOnlyOverRemoting and cannot be written to program.dat");
      }
      return obj;
    }
  }
}
