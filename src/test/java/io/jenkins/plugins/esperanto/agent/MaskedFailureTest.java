package io.jenkins.plugins.esperanto.agent;

import static org.assertj.core.api.Assertions.assertThat;

import hudson.AbortException;
import java.io.IOException;
import java.net.SocketException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Tests for {@link MaskedFailure}: what an agent call's failure shows Jenkins. */
class MaskedFailureTest {
  private static final String SECRET = "Pw-7f3a91";

  @Test
  void of_ioExceptionEchoingASecret_masksItAndEveryCause() {
    IOException failure = new IOException("registry said: bad token " + SECRET,
        new SocketException("reset while sending " + SECRET));

    AbortException shown = MaskedFailure.of(failure, List.of(SECRET));

    assertThat(shown.getMessage())
        .doesNotContain(SECRET)
        .contains("java.io.IOException: registry said: bad token ****")
        .contains("caused by java.net.SocketException: reset while sending ****");
    assertThat(shown.getCause()).isNull();
  }

  @Test
  void of_abortException_keepsItsOneLineMasked() {
    AbortException shown = MaskedFailure.of(new AbortException("no access with " + SECRET), List.of(SECRET));

    assertThat(shown.getMessage()).isEqualTo("no access with ****");
  }
}
