package io.jenkins.plugins.esperanto.agent;

import hudson.AbortException;
import hudson.model.TaskListener;
import io.jenkins.plugins.esperanto.engine.api.EsperantoException;
import io.jenkins.plugins.esperanto.engine.run.UserIdentity;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.ArrayList;
import java.util.List;
import jenkins.security.MasterToSlaveCallable;

/** The agent callables of the {@code insideEsperanto} block's lifecycle; strings in, strings out. */
public final class ContainerCalls {
  private ContainerCalls() {}

  /**
   * Starts the block's container; returns its id. Every line it logs (progress, and the
   * entrypoint's own output, which may print its environment) has the given secrets masked.
   */
  public static final class Start extends MasterToSlaveCallable<String, IOException> {
    private static final long serialVersionUID = 1L;
    private final SessionRequest request;
    private final ArrayList<String> masked;
    private final TaskListener listener;

    /** @param masked values never to print: the build's sensitive variables */
    public Start(SessionRequest request, List<String> masked, TaskListener listener) {
      this.request = request;
      this.masked = new ArrayList<>(masked);
      this.listener = listener;
    }

    @Override
    public String call() throws IOException {
      MaskingLog log = new MaskingLog(listener.getLogger(), masked);
      try {
        return EngineContainers.start(request, UserIdentity.ofCurrentProcess(), log);
      } catch (InterruptedIOException e) {
        throw e; // an abort, not a failure to report
      } catch (EsperantoException | IOException | RuntimeException e) {
        throw MaskedFailure.of(e, masked);
      } finally {
        log.flush();
      }
    }
  }

  /** Removes the block's container, by id or, when the id was lost, by the block's label. */
  public static final class Remove extends MasterToSlaveCallable<Integer, IOException> {
    private static final long serialVersionUID = 1L;
    private final String containerId;
    private final String blockId;

    /**
     * @param containerId the container, or null when unknown
     * @param blockId the value of {@link EngineContainers#BLOCK_LABEL} of the block's container
     */
    public Remove(String containerId, String blockId) {
      this.containerId = containerId;
      this.blockId = blockId;
    }

    @Override
    public Integer call() throws IOException {
      try {
        if (containerId != null) {
          EngineContainers.remove(containerId);
          return 1;
        }
        return EngineContainers.removeByLabel(EngineContainers.BLOCK_LABEL, blockId);
      } catch (EsperantoException e) {
        throw new AbortException(e.getMessage());
      }
    }
  }
}
