package io.jenkins.plugins.esperanto.engine.catalog;

import io.jenkins.plugins.esperanto.engine.api.ImageName;
import io.jenkins.plugins.esperanto.engine.api.InvalidCatalogException;
import io.jenkins.plugins.esperanto.engine.api.InvalidImageNameException;
import io.jenkins.plugins.esperanto.engine.api.Printable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * The folder of images ({@code images/<name>/}). Images are read on first use, so one broken
 * {@code image.yaml} does not stop work on the others; the FROM graph between images is
 * checked for cycles whenever a build order is asked for.
 */
public final class Catalog {
  private final Path root;
  private final SortedSet<ImageName> names;
  private final Map<ImageName, CatalogImage> loaded = new HashMap<>();

  private Catalog(Path root, SortedSet<ImageName> names) {
    this.root = root;
    this.names = names;
  }

  /**
   * Lists the images under {@code root}: every sub-folder whose name is a valid image name and
   * that has an {@code image.yaml} or a {@code Docker/} folder.
   *
   * @throws InvalidCatalogException when {@code root} is not a readable folder
   */
  public static Catalog load(Path root) throws InvalidCatalogException {
    Path absolute = root.toAbsolutePath().normalize();
    if (!Files.isDirectory(absolute)) {
      throw new InvalidCatalogException("Image catalog folder " + absolute
          + " does not exist; pass --catalog DIR or run from a folder that has images/");
    }
    SortedSet<ImageName> names = new TreeSet<>();
    try (Stream<Path> children = Files.list(absolute)) {
      for (Path child : (Iterable<Path>) children::iterator) {
        String fileName = child.getFileName().toString();
        boolean looksLikeImage = Files.isRegularFile(child.resolve(CatalogImage.SPEC_FILE))
            || Files.isDirectory(child.resolve(CatalogImage.CONTEXT_DIR));
        if (!Files.isDirectory(child) || fileName.startsWith(".") || !looksLikeImage) {
          continue;
        }
        if (!ImageName.isValid(fileName)) {
          throw new InvalidCatalogException(child, 0, "folder name is not a valid image name: expected"
              + " lower-case letters, digits, '.', '_' or '-', starting with a letter or digit");
        }
        names.add(ImageName.of(fileName));
      }
    } catch (IOException e) {
      throw new InvalidCatalogException("Image catalog folder " + absolute + " cannot be read: " + e.getMessage());
    } catch (InvalidImageNameException e) {
      throw new IllegalStateException("validated above", e);
    }
    return new Catalog(absolute, names);
  }

  public Path root() {
    return root;
  }

  public SortedSet<ImageName> names() {
    return java.util.Collections.unmodifiableSortedSet(names);
  }

  /** The image called {@code name}; validates the name first. */
  public CatalogImage image(String name) throws InvalidCatalogException, InvalidImageNameException {
    return image(ImageName.of(name));
  }

  /**
   * The image called {@code name}.
   *
   * @throws InvalidCatalogException when there is no such image, or its files are invalid
   */
  public CatalogImage image(ImageName name) throws InvalidCatalogException {
    CatalogImage image = loaded.get(name);
    if (image == null) {
      if (!names.contains(name)) {
        throw new InvalidCatalogException("Unknown image '" + Printable.of(name.value()) + "' in catalog " + root
            + "; known images: " + (names.isEmpty() ? "(none)" : String.join(", ", names.stream().map(ImageName::value).toList())));
      }
      image = CatalogImage.load(name, root.resolve(name.value()));
      loaded.put(name, image);
    }
    return image;
  }

  /** The catalog images {@code image} builds FROM, in Dockerfile order. */
  public List<CatalogImage> parentsOf(CatalogImage image) throws InvalidCatalogException {
    List<CatalogImage> parents = new ArrayList<>();
    for (String parent : image.referencedCatalogNames()) {
      Optional<ImageName> parentName = names.stream().filter(n -> n.value().equals(parent)).findFirst();
      if (parentName.isEmpty()) {
        throw new InvalidCatalogException(image.dockerfile(), 0, "FROM " + CatalogImage.CATALOG_FROM_PREFIX + parent
            + " names no image of the catalog " + root + "; known images: "
            + String.join(", ", names.stream().map(ImageName::value).toList()));
      }
      parents.add(image(parentName.get()));
    }
    return parents;
  }

  /**
   * The given images plus every catalog image that builds FROM one of them, directly or
   * through other images: what must be looked at again when they change. An image whose own
   * files are invalid cannot be placed in the graph and is left out here; building it reports
   * the problem.
   */
  public java.util.SortedSet<ImageName> withDependents(Collection<ImageName> changed) {
    SortedSet<ImageName> result = new TreeSet<>(changed);
    boolean grew = true;
    while (grew) {
      grew = false;
      for (ImageName name : names) {
        if (result.contains(name)) {
          continue;
        }
        try {
          if (parentsOf(image(name)).stream().anyMatch(parent -> result.contains(parent.name()))) {
            result.add(name);
            grew = true;
          }
        } catch (InvalidCatalogException e) {
          // not placeable in the graph; a build of it says why
        }
      }
    }
    return result;
  }

  /**
   * The requested images and every catalog image they build FROM, parents before children.
   *
   * @throws InvalidCatalogException on a cycle (the message lists it) or any invalid image
   */
  public List<CatalogImage> buildOrder(Collection<ImageName> requested) throws InvalidCatalogException {
    LinkedHashSet<CatalogImage> ordered = new LinkedHashSet<>();
    for (ImageName name : requested) {
      visit(image(name), new ArrayDeque<>(), ordered);
    }
    return new ArrayList<>(ordered);
  }

  private void visit(CatalogImage image, Deque<CatalogImage> path, LinkedHashSet<CatalogImage> ordered)
      throws InvalidCatalogException {
    if (ordered.contains(image)) {
      return;
    }
    if (path.contains(image)) {
      List<String> cycle = new ArrayList<>();
      boolean inCycle = false;
      for (java.util.Iterator<CatalogImage> it = path.descendingIterator(); it.hasNext(); ) {
        CatalogImage step = it.next();
        inCycle |= step.equals(image);
        if (inCycle) {
          cycle.add(step.name().value());
        }
      }
      cycle.add(image.name().value());
      throw new InvalidCatalogException(image.dockerfile(), 0,
          "images build FROM each other in a cycle: " + String.join(" -> ", cycle));
    }
    path.push(image);
    for (CatalogImage parent : parentsOf(image)) {
      visit(parent, path, ordered);
    }
    path.pop();
    ordered.add(image);
  }
}
