package io.jenkins.plugins.esperanto.engine.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Where the CLI looks for its credentials file and keeps ECR tokens. A uid without a passwd
 * entry (a CI container started with {@code -u 1234}) has HOME set but a JVM {@code user.home}
 * of {@code ?}: read as is, that is a relative path, and tokens would land in {@code ./?/.cache}
 * of the checkout. HOME comes first, and relative XDG values are ignored (XDG Base Directory).
 */
class CacheAndConfigLocationTest {
  @Test
  void defaultConfigFile_homeFromTheEnvironment_relativeXdgIgnored() {
    assertThat(CredentialsResolver.defaultConfigFile(Map.of("HOME", "/home/ci")))
        .contains(Path.of("/home/ci/.config/esperanto/config.yaml"));
    assertThat(CredentialsResolver.defaultConfigFile(Map.of("HOME", "/home/ci", "XDG_CONFIG_HOME", "cfg")))
        .contains(Path.of("/home/ci/.config/esperanto/config.yaml"));
    assertThat(CredentialsResolver.defaultConfigFile(Map.of("HOME", "/home/ci", "XDG_CONFIG_HOME", "/x")))
        .contains(Path.of("/x/esperanto/config.yaml"));
  }

  @Test
  void defaultDirectory_homeFromTheEnvironment_relativeXdgIgnored() {
    assertThat(EcrTokenCache.defaultDirectory(Map.of("HOME", "/home/ci")))
        .contains(Path.of("/home/ci/.cache/esperanto/ecr"));
    assertThat(EcrTokenCache.defaultDirectory(Map.of("HOME", "/home/ci", "XDG_CACHE_HOME", "?")))
        .contains(Path.of("/home/ci/.cache/esperanto/ecr"));
    assertThat(EcrTokenCache.defaultDirectory(Map.of("XDG_CACHE_HOME", "/c"))).contains(Path.of("/c/esperanto/ecr"));
  }
}
