package io.jenkins.plugins.esperanto.action;

import hudson.BulkChange;
import hudson.model.Action;
import hudson.model.Run;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.kohsuke.stapler.export.Exported;
import org.kohsuke.stapler.export.ExportedBean;

/**
 * The images a build used, by reference and image id, so that what ran can be found again.
 * Saved with the build; {@code /job/x/1/esperanto/} and {@code /job/x/1/api/json}.
 */
@ExportedBean
public final class EsperantoImagesAction implements Action {
  private final List<ImageRecord> images = new ArrayList<>();

  /**
   * Records {@code image} on {@code run}, once per reference (parallel branches may race here),
   * and saves the build record once, as docker-workflow's ImageAction.add does: inside a
   * {@link BulkChange} so that adding the action does not save a half-changed run.
   *
   * @throws IOException when the build record cannot be written
   */
  public static void record(Run<?, ?> run, ImageRecord image) throws IOException {
    synchronized (run) {
      try (BulkChange change = new BulkChange(run)) {
        EsperantoImagesAction action = run.getAction(EsperantoImagesAction.class);
        if (action == null) {
          action = new EsperantoImagesAction();
          run.addAction(action);
        }
        action.add(image);
        change.commit();
      }
    }
  }

  synchronized void add(ImageRecord image) {
    images.removeIf(i -> i.getReference().equals(image.getReference()));
    images.add(image);
  }

  /** The images, in the order they were first used. */
  @Exported(inline = true)
  public synchronized List<ImageRecord> getImages() {
    return new ArrayList<>(images);
  }

  @Override
  public String getIconFileName() {
    return "symbol-layers-outline plugin-ionicons-api";
  }

  @Override
  public String getDisplayName() {
    return "Esperanto images";
  }

  @Override
  public String getUrlName() {
    return "esperanto";
  }
}
