package io.jenkins.plugins.esperanto.agent;

import hudson.model.TaskListener;
import io.jenkins.plugins.esperanto.action.ImageRecord;
import io.jenkins.plugins.esperanto.engine.api.EsperantoException;
import java.io.IOException;
import jenkins.security.MasterToSlaveCallable;

/** Agent side of {@code esperantoImage}: one provisioning, output to the build log, masked. */
public final class Provision extends MasterToSlaveCallable<ImageRecord, IOException> {
  private static final long serialVersionUID = 1L;

  private final ProvisionRequest request;
  private final TaskListener listener;

  public Provision(ProvisionRequest request, TaskListener listener) {
    this.request = request;
    this.listener = listener;
  }

  @Override
  public ImageRecord call() throws IOException {
    MaskingLog log = new MaskingLog(listener.getLogger(), request.credentials().secretValues());
    try {
      ImageProvisioner provisioner = new EngineImageProvisioner();
      return provisioner.provision(request, log);
    } catch (EsperantoException e) {
      // One line, masked, no stack trace: the engine's message says what to fix.
      throw new hudson.AbortException(MaskingLog.mask(e.getMessage(), request.credentials().secretValues()));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("Interrupted while preparing image " + request.name(), e);
    }
  }
}
