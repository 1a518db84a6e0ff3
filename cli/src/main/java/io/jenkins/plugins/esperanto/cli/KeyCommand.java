package io.jenkins.plugins.esperanto.cli;

import com.github.dockerjava.api.DockerClient;
import io.jenkins.plugins.esperanto.engine.api.ImageName;
import io.jenkins.plugins.esperanto.engine.build.BuildOptions;
import io.jenkins.plugins.esperanto.engine.build.ImageBuilder;
import io.jenkins.plugins.esperanto.engine.catalog.Catalog;
import io.jenkins.plugins.esperanto.engine.key.ContentKey;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code esperanto key <image>}: prints the content key, building nothing. */
@Command(name = "key", description = "Print the content key of an image (what its tag will be).")
final class KeyCommand implements Callable<Integer> {
  @Spec picocli.CommandLine.Model.CommandSpec spec;
  @Mixin EngineOptions engine;

  @Parameters(arity = "1..*", paramLabel = "IMAGE", description = "Catalog image name(s).")
  List<String> images;

  @Option(names = "--reference", description = "Print the full reference <repository>/<name>:<tag> instead.")
  boolean reference;

  @Override
  public Integer call() throws Exception {
    List<ImageName> names = EngineOptions.names(images);
    Catalog catalog = engine.loadCatalog();
    try (DockerClient docker = engine.connect()) {
      ImageBuilder builder = new ImageBuilder(docker, catalog, engine.repository(), engine.tempDir(), line -> { });
      Map<ImageName, ContentKey> keys = builder.keys(names, BuildOptions.defaults());
      PrintWriter out = spec.commandLine().getOut();
      for (ImageName name : names) {
        ContentKey key = keys.get(name);
        out.println(reference ? builder.referenceOf(name, key)
            : names.size() == 1 ? key.value() : name + " " + key.value());
      }
      out.flush();
    }
    return 0;
  }
}
