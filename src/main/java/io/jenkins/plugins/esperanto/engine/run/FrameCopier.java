package io.jenkins.plugins.esperanto.engine.run;

import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.api.model.StreamType;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;

/**
 * Copies an attached stream's frames to separate stdout and stderr streams (a terminal's raw
 * stream goes to stdout), flushing each frame so that output appears as it is produced.
 */
final class FrameCopier extends ResultCallback.Adapter<Frame> {
  private final OutputStream stdout;
  private final OutputStream stderr;

  FrameCopier(OutputStream stdout, OutputStream stderr) {
    this.stdout = stdout;
    this.stderr = stderr;
  }

  @Override
  public void onNext(Frame frame) {
    OutputStream target = frame.getStreamType() == StreamType.STDERR ? stderr : stdout;
    try {
      target.write(frame.getPayload());
      target.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
