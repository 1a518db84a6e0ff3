import io.jenkins.plugins.esperanto.engine.key.ContextArchive;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Benchmark driver for bench/hash-context (run with the source launcher: java -cp <engine
 * classpath> bench/HashContext.java <context> <temp dir> <runs>). Prints one line per run:
 * milliseconds, tar size in bytes, sha256.
 */
public final class HashContext {
  public static void main(String[] args) throws Exception {
    Path context = Path.of(args[0]);
    Path temp = Path.of(args[1]);
    int runs = Integer.parseInt(args[2]);
    for (int i = 0; i < runs; i++) {
      long start = System.nanoTime();
      try (ContextArchive archive =
          ContextArchive.create(context, "Dockerfile", Optional.empty(), temp)) {
        long millis = (System.nanoTime() - start) / 1_000_000;
        System.out.println(millis + " " + archive.size() + " " + archive.sha256());
      }
    }
  }
}
