package io.jenkins.plugins.esperanto.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** Tests for {@link PushCommand}, {@link PullCommand} and {@link RegistryOptions}: flags and one-line errors. */
class RegistryCommandsTest {
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();
  private final InputStream originalIn = System.in;

  @AfterEach
  void restoreStdin() {
    System.setIn(originalIn);
  }

  private int run(String stdin, String... args) {
    System.setIn(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)));
    CommandLine commandLine = EsperantoCommand.newCommandLine();
    commandLine.setOut(new PrintWriter(out));
    commandLine.setErr(new PrintWriter(err));
    return commandLine.execute(args);
  }

  @Test
  void push_passwordFlag_doesNotExist() {
    int code = run("", "push", "--password", "hunter2", "127.0.0.1:1/x/base:t");

    assertThat(code).isEqualTo(EsperantoCommand.EXIT_USAGE);
    assertThat(err.toString()).contains("Unknown option: '--password'");
  }

  @Test
  void push_usernameWithoutPassword_isOneLine() {
    int code = run("", "push", "--username", "ci", "127.0.0.1:1/x/base:t");

    assertThat(code).isEqualTo(EsperantoCommand.EXIT_FAILURE);
    assertThat(err.toString().strip()).startsWith("esperanto: Tried to use the registry username and password from the command line")
        .contains("only the username was given").doesNotContain("\n");
  }

  @Test
  void pull_passwordStdinEmpty_saysSo() {
    int code = run("", "pull", "--username", "ci", "--password-stdin", "127.0.0.1:1/x/base:t");

    assertThat(code).isEqualTo(EsperantoCommand.EXIT_FAILURE);
    assertThat(err.toString().strip()).isEqualTo("esperanto: --password-stdin was given but standard input was empty; pipe the password in");
  }

  @Test
  void push_ecrAccountWithoutRegion_isOneLine() {
    int code = run("secret-from-stdin\n", "push", "--username", "ci", "--password-stdin", "--ecr-account", "123456789012",
        "127.0.0.1:1/x/base:t");

    assertThat(code).isEqualTo(EsperantoCommand.EXIT_FAILURE);
    assertThat(err.toString().strip()).isEqualTo("esperanto: --ecr-account needs --region as well");
    assertThat(out + err.toString()).doesNotContain("secret-from-stdin");
  }

  @Test
  void pull_malformedReference_namesIt() {
    int code = run("", "pull", "127.0.0.1:1/X/Base:t");

    assertThat(code).isEqualTo(EsperantoCommand.EXIT_FAILURE);
    assertThat(err.toString().strip()).startsWith("esperanto: Invalid image reference '127.0.0.1:1/X/Base:t': expected");
  }

  @Test
  void push_help_listsRegistryFlags() {
    int code = run("", "push", "--help");

    assertThat(code).isZero();
    assertThat(out.toString()).contains("--repository=REPO", "--password-stdin", "--role-arn=ARN", "--create-repository", "--ecr-account");
  }
}
