package io.jenkins.plugins.esperanto.engine.rebuild;

import io.jenkins.plugins.esperanto.engine.api.EsperantoException;
import io.jenkins.plugins.esperanto.engine.api.ImageName;
import io.jenkins.plugins.esperanto.engine.key.ContentKey;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The per-image operations a rebuild is made of. The planner and the parallel runner only call
 * these, so how one image is built, squashed, pulled or pushed can change without touching them.
 * {@link #isPublished}, {@link #fetch} and {@link #build} are called from several threads at
 * once, for different images.
 */
public interface ImageOperations {
  /**
   * Content keys of {@code names} and of every catalog image they build FROM, parents first.
   *
   * @throws EsperantoException when the catalog is invalid (a cycle, a bad image.yaml)
   */
  Map<ImageName, ContentKey> keys(Collection<ImageName> names) throws EsperantoException;

  /**
   * The catalog images {@code name} builds FROM.
   *
   * @throws EsperantoException when the image is invalid
   */
  List<ImageName> parentsOf(ImageName name) throws EsperantoException;

  /**
   * True when {@code key} of {@code name} already has its tag where images are published: the
   * registry when one is configured, else the local Docker Engine.
   *
   * @throws EsperantoException when the registry cannot be asked
   */
  boolean isPublished(ImageName name, ContentKey key) throws EsperantoException;

  /**
   * Makes the published image of {@code key} available on the local engine, for dependents to
   * build on: nothing when it is already there ({@link RebuildAction#UP_TO_DATE}), else a pull
   * ({@link RebuildAction#PULLED}).
   *
   * @throws EsperantoException when the pull fails
   */
  ImageOutcome fetch(ImageName name, ContentKey key, Consumer<String> log)
      throws EsperantoException, InterruptedException;

  /**
   * Builds {@code name} for its key (its catalog parents are on the engine), then tags and
   * publishes it. With {@code refresh}, builds with pull and no cache, and when the result's
   * filesystem equals that of the image already published for the key, keeps the old image and
   * publishes nothing ({@link RebuildAction#UP_TO_DATE}).
   *
   * @param keys the content keys of the plan, parents included
   * @throws EsperantoException when the build, squash or push fails; no tag is left for the key
   */
  ImageOutcome build(ImageName name, Map<ImageName, ContentKey> keys, boolean refresh, Consumer<String> log)
      throws EsperantoException, InterruptedException;
}
