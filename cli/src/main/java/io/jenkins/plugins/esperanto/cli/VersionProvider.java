package io.jenkins.plugins.esperanto.cli;

import picocli.CommandLine;

/** Reads the version from the jar manifest, so there is one place that sets it. */
final class VersionProvider implements CommandLine.IVersionProvider {
  @Override
  public String[] getVersion() {
    String version = EsperantoCommand.class.getPackage().getImplementationVersion();
    return new String[] {"esperanto " + (version == null ? "development build" : version)};
  }
}
