package io.jenkins.plugins.esperanto.agent;

import io.jenkins.plugins.esperanto.action.ImageRecord;
import io.jenkins.plugins.esperanto.engine.api.EsperantoException;
import java.io.IOException;
import java.util.function.Consumer;

/**
 * Builds or pulls one catalog image on the agent (resolve the content key; up to date, pull, or
 * build, squash and push) and says what it did. Implemented with the engine's catalog facade.
 */
public interface ImageProvisioner {
  /**
   * Makes the image of {@code request} available in the agent's Docker daemon.
   *
   * @param log progress lines for the build log (already masked by the caller)
   */
  ImageRecord provision(ProvisionRequest request, Consumer<String> log)
      throws EsperantoException, IOException, InterruptedException;

  /**
   * Makes the image {@code request.name()}, a full reference rather than a catalog name,
   * available: nothing to do when the daemon has it, else pulled.
   */
  ImageRecord provisionReference(ProvisionRequest request, Consumer<String> log)
      throws EsperantoException, IOException, InterruptedException;
}
