package io.jenkins.plugins.esperanto.engine.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Collects everything a test could leak a secret through (progress and notice lines, exception
 * messages and their causes, container env, image history, the registry's argv,
 * {@code ~/.docker/config.json}) and checks that no password, token or secret key is in it.
 */
final class SecretScan {
  private final List<String> texts = Collections.synchronizedList(new ArrayList<>());
  private final List<String> secrets = Collections.synchronizedList(new ArrayList<>());
  private final Path dockerConfig = Path.of(System.getProperty("user.home"), ".docker", "config.json");
  private final Optional<String> dockerConfigBefore;

  SecretScan() {
    dockerConfigBefore = readDockerConfig();
  }

  /** A secret that must never show. */
  void secret(String value) {
    secrets.add(value);
    // The token form of a password, as ECR issues it, must not show either.
    secrets.add(java.util.Base64.getEncoder().encodeToString(("AWS:" + value).getBytes(java.nio.charset.StandardCharsets.UTF_8)));
  }

  /** A line sink that records, for progress and notices. */
  Consumer<String> sink() {
    return texts::add;
  }

  void text(String value) {
    texts.add(value);
  }

  /** The message, toString and stack trace text of {@code error} and all its causes. */
  void error(Throwable error) {
    for (Throwable t = error; t != null; t = t.getCause()) {
      texts.add(String.valueOf(t.getMessage()));
      texts.add(t.toString());
    }
    java.io.StringWriter trace = new java.io.StringWriter();
    error.printStackTrace(new java.io.PrintWriter(trace));
    texts.add(trace.toString());
  }

  List<String> texts() {
    return List.copyOf(texts);
  }

  /** Fails when any secret appears in any recorded text, or ~/.docker/config.json changed. */
  void assertClean() {
    assertThat(secrets).as("secrets to look for").isNotEmpty();
    List<String> all = texts();
    for (String secret : List.copyOf(secrets)) {
      for (String text : all) {
        assertThat(text).as("a recorded text").doesNotContain(secret);
      }
    }
    assertThat(readDockerConfig()).as("~/.docker/config.json must be untouched").isEqualTo(dockerConfigBefore);
  }

  private Optional<String> readDockerConfig() {
    try {
      return Files.exists(dockerConfig) ? Optional.of(Files.readString(dockerConfig)) : Optional.empty();
    } catch (IOException e) {
      return Optional.of("unreadable: " + e);
    }
  }
}
