package io.jenkins.plugins.esperanto.engine.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Tests for {@link AwaitMarkerStep} against the real Docker Engine: an entrypoint that writes
 * megabytes without a newline is logged in bounded pieces, and the marker after it is seen.
 */
class AwaitMarkerStepTest {
  private static final int NO_NEWLINE = 8 * 1024 * 1024;

  @RegisterExtension static final DockerFixture FIXTURE = DockerFixture.connect();

  @Test
  void call_entrypointOutputWithoutNewline_isLoggedInBoundedPieces() throws Exception {
    String id = FIXTURE.docker.createContainerCmd(DockerFixture.BUSYBOX)
        .withLabels(FIXTURE.labels())
        .withCmd("sh", "-c", "head -c " + NO_NEWLINE + " /dev/zero | tr '\\0' x; echo;"
            + " echo READY-MARK; sleep 30")
        .exec().getId();
    FIXTURE.docker.startContainerCmd(id).exec();
    AtomicLong longest = new AtomicLong();
    AtomicLong total = new AtomicLong();

    Optional<String> seen = new AwaitMarkerStep(FIXTURE.docker, id, "READY-MARK", Duration.ofSeconds(60),
        line -> {
          longest.accumulateAndGet(line.length(), Math::max);
          total.addAndGet(line.length() - "[entrypoint] ".length());
        }).call();

    assertThat(seen).contains("");
    assertThat(total.get()).isEqualTo(NO_NEWLINE);
    assertThat(longest.get()).isLessThanOrEqualTo(64 * 1024 + "[entrypoint] ".length());
    RemoveContainerStep.quietly(FIXTURE.docker, id);
  }
}
