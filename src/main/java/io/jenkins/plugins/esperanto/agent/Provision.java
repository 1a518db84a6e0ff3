package io.jenkins.plugins.esperanto.agent;

import hudson.model.TaskListener;
import io.jenkins.plugins.esperanto.action.ImageRecord;
import io.jenkins.plugins.esperanto.engine.api.EsperantoException;
import java.io.IOException;
import java.io.InterruptedIOException;
import jenkins.security.MasterToSlaveCallable;

/** Agent side of {@code esperantoImage}: one provisioning, output to the build log, masked. */
public final class Provision extends MasterToSlaveCallable<ImageRecord, IOException> {
  private static final long serialVersionUID = 1L;

  private final ProvisionRequest request;
  private final TaskListener listener;
  private final boolean reference;

  /** Provisions the catalog image {@code request.name()}. */
  public Provision(ProvisionRequest request, TaskListener listener) {
    this(request, listener, false);
  }

  private Provision(ProvisionRequest request, TaskListener listener, boolean reference) {
    this.request = request;
    this.listener = listener;
    this.reference = reference;
  }

  /** Provisions the image {@code request.name()}, a full reference: used if present, else pulled. */
  public static Provision ofReference(ProvisionRequest request, TaskListener listener) {
    return new Provision(request, listener, true);
  }

  @Override
  public ImageRecord call() throws IOException {
    MaskingLog log = new MaskingLog(listener.getLogger(), request.credentials().secretValues());
    try {
      ImageProvisioner provisioner = new EngineImageProvisioner();
      return reference ? provisioner.provisionReference(request, log) : provisioner.provision(request, log);
    } catch (InterruptedIOException e) {
      throw e; // an abort, not a failure to report
    } catch (EsperantoException | IOException | RuntimeException e) {
      throw MaskedFailure.of(e, request.credentials().secretValues());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("Interrupted while preparing image " + request.name(), e);
    } finally {
      log.flush();
    }
  }
}
