package io.jenkins.plugins.esperanto.engine.registry;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * Benchmark main for {@code bench/registry}: how long an ECR token costs from the memory
 * cache, from the disk cache (a new process), and from a {@code GetAuthorizationToken} call
 * (the real AWS SDK signing and parsing, against the local {@link FakeEcr}; a real ECR adds
 * the network round trip on top). Not a test: run by the script with the test classpath.
 */
public final class EcrTokenBench {
  private EcrTokenBench() {}

  public static void main(String[] args) throws Exception {
    String keyId = "AKIDBENCHMARK0001";
    String account = "123456789012";
    EcrRegistry registry = EcrRegistry.parseHost(account + ".dkr.ecr.eu-north-1.amazonaws.com").get();
    RegistryCredentials credentials = RegistryCredentials.awsKeys(keyId, Secret.of("bench-secret-" + System.nanoTime()),
        Optional.empty(), Optional.empty(), "benchmark");
    Path cache = Files.createTempDirectory("esperanto-bench-ecr-");
    try (FakeEcr ecr = new FakeEcr(keyId, account)) {
      ecr.issue("bench-password", Instant.now().plus(Duration.ofHours(12)));
      EcrTokenProvider provider = EcrTokenProvider.builder(credentials).endpointOverride(ecr.endpoint()).cacheDirectory(cache).build();
      for (int i = 0; i < 20; i++) {
        provider.refresh(registry); // warm up the SDK and the JIT
      }
      double[] api = time(100, () -> provider.refresh(registry));
      double[] memory = time(10_000, () -> provider.authFor(registry));
      double[] disk = time(1_000, () -> EcrTokenProvider.builder(credentials).endpointOverride(ecr.endpoint())
          .cacheDirectory(cache).build().authFor(registry));
      System.out.println("| ECR token from | median (ms) | p90 (ms) | calls |");
      System.out.println("|---|---|---|---|");
      row("memory cache", memory);
      row("disk cache (new provider, as in a new process)", disk);
      row("GetAuthorizationToken via the SDK (local endpoint)", api);
      System.out.printf(Locale.ROOT, "ratio API call / memory cache: %.0f; API call / disk cache: %.0f%n",
          median(api) / median(memory), median(api) / median(disk));
    } finally {
      try (var files = Files.walk(cache)) {
        files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  interface Action {
    void run() throws Exception;
  }

  private static double[] time(int n, Action action) throws Exception {
    double[] ms = new double[n];
    for (int i = 0; i < n; i++) {
      long t0 = System.nanoTime();
      action.run();
      ms[i] = (System.nanoTime() - t0) / 1e6;
    }
    Arrays.sort(ms);
    return ms;
  }

  private static double median(double[] sorted) {
    return sorted[sorted.length / 2];
  }

  private static void row(String name, double[] sorted) {
    System.out.printf(Locale.ROOT, "| %s | %.4f | %.4f | %d |%n", name, median(sorted), sorted[(int) (sorted.length * 0.9)], sorted.length);
  }
}
