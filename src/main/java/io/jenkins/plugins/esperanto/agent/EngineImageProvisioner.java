package io.jenkins.plugins.esperanto.agent;

import io.jenkins.plugins.esperanto.action.ImageRecord;
import io.jenkins.plugins.esperanto.engine.api.EsperantoException;
import java.util.function.Consumer;

/** {@link ImageProvisioner} on the engine's catalog facade. */
final class EngineImageProvisioner implements ImageProvisioner {
  @Override
  public ImageRecord provision(ProvisionRequest request, Consumer<String> log) throws EsperantoException {
    throw new EsperantoException("Tried to prepare image " + request.name()
        + " but this build has no catalog engine yet; use insideEsperanto with a full image reference");
  }
}
