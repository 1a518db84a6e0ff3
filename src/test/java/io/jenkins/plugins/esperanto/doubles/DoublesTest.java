package io.jenkins.plugins.esperanto.doubles;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import hudson.EnvVars;
import hudson.FilePath;
import hudson.model.TaskListener;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.NotSerializableException;
import java.io.ObjectOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import jenkins.security.MasterToSlaveCallable;
import org.junit.jupiter.api.Test;

/** The doubles refuse what Jenkins refuses. */
class DoublesTest {
  /** Holds what a callable may not: an object that does not serialise. */
  static final class CarriesAThread extends MasterToSlaveCallable<String, IOException> {
    private static final long serialVersionUID = 1L;
    @SuppressWarnings("unused")
    private final Object thread = new Object();

    @Override
    public String call() {
      return "ran";
    }
  }

  /** Reports whether the listener and the workspace it got are the caller's very objects. */
  static final class Exported extends MasterToSlaveCallable<String, IOException> {
    private static final long serialVersionUID = 1L;
    private final TaskListener listener;
    private final FilePath workspace;

    Exported(TaskListener listener, FilePath workspace) {
      this.listener = listener;
      this.workspace = workspace;
    }

    @Override
    public String call() {
      listener.getLogger().print("from the agent");
      return workspace.getRemote();
    }
  }

  @Test
  void listener_serialisesOnlyOverAChannel() throws Exception {
    RecordingListener listener = new RecordingListener();

    assertThrows(NotSerializableException.class,
        () -> new ObjectOutputStream(new ByteArrayOutputStream()).writeObject(listener));
    try (InProcessChannel channel = new InProcessChannel()) {
      String remote = channel.call(new Exported(listener, new FilePath(channel, "/ws")));

      assertThat(remote).isEqualTo("/ws");
      assertThat(listener.text()).isEqualTo("from the agent");
    }
  }

  @Test
  void channel_refusesACallableThatDoesNotSerialise_andCallsAfterClose() throws Exception {
    InProcessChannel channel = new InProcessChannel();

    assertThrows(NotSerializableException.class, () -> channel.call(new CarriesAThread()));
    channel.close();
    IOException closed = assertThrows(IOException.class, () -> channel.call(new Exported(new RecordingListener(),
        null)));
    assertThat(closed).hasMessageContaining("ChannelClosedException");
    channel.join(1000);
  }

  @Test
  void envVars_refuseANullValue() {
    assertThrows(IllegalArgumentException.class, () -> new EnvVars().put("A", null));
  }

  @Test
  void stepContext_countsEveryCompletion_keepsTheFirst() {
    FakeStepContext context = new FakeStepContext();
    RuntimeException first = new RuntimeException("first");

    context.onFailure(first);
    context.onSuccess("late");

    assertThat(context.failure).isSameAs(first);
    assertThat(context.result).isNull();
    assertThat(context.completions).isEqualTo(2);
  }

  @Test
  void stepContext_refusesANullFailure_andAddsALaterFailureToTheFirst() {
    FakeStepContext context = new FakeStepContext();
    RuntimeException first = new RuntimeException("first");
    RuntimeException later = new RuntimeException("later");

    assertThrows(IllegalArgumentException.class, () -> context.onFailure(null));
    context.onFailure(first);
    context.onFailure(later);
    context.onFailure(new RuntimeException("wraps the first", first));

    assertThat(context.failure).isSameAs(first);
    assertThat(first.getSuppressed()).containsExactly(later);
  }

  @Test
  void stepContext_refusesABodyToAStepWithoutOne() {
    FakeStepContext context = new FakeStepContext();

    assertThat(assertThrows(IllegalStateException.class, context::newBodyInvoker))
        .hasMessage("There is no body to invoke");

    FakeBody body = context.withBody();
    context.newBodyInvoker().withContexts("a", "b").start();

    assertThat(body.contexts()).containsExactly("a", "b");
  }

  /**
   * The plugin build (root pom.xml) does not compile the doubles (they are checked against the
   * stand-in here, not against the Jenkins jars); so it must not compile any test that uses them
   * either, or it does not build.
   */
  @Test
  void rootBuild_excludesEveryTestThatUsesTheDoubles() throws Exception {
    Path root = Path.of(System.getProperty("user.dir"));
    while (!Files.exists(root.resolve("pom.xml")) || !Files.isDirectory(root.resolve("src/test/java"))) {
      root = root.getParent();
    }
    String pom = Files.readString(root.resolve("pom.xml"));
    List<String> excludes = new ArrayList<>();
    Matcher m = Pattern.compile("<testExclude>([^<]+)</testExclude>").matcher(pom);
    while (m.find()) {
      excludes.add(m.group(1).trim());
    }
    Path tests = root.resolve("src/test/java");
    List<String> compiledUsers = new ArrayList<>();
    try (Stream<Path> files = Files.walk(tests)) {
      for (Path file : files.filter(p -> p.toString().endsWith(".java")).toList()) {
        String relative = tests.relativize(file).toString();
        boolean usesDoubles = !relative.startsWith("io/jenkins/plugins/esperanto/doubles/")
            && Files.readString(file).contains("io.jenkins.plugins.esperanto.doubles");
        if (usesDoubles && excludes.stream().noneMatch(e -> matches(e, relative))) {
          compiledUsers.add(relative);
        }
      }
    }

    assertThat(excludes).contains("io/jenkins/plugins/esperanto/doubles/**");
    assertThat(compiledUsers).as("tests the plugin build compiles although they use the doubles").isEmpty();
  }

  /** Ant-style path pattern, as maven-compiler-plugin's testExcludes: ** any folders, * within a name. */
  static boolean matches(String pattern, String path) {
    StringBuilder regex = new StringBuilder();
    for (int i = 0; i < pattern.length(); i++) {
      char c = pattern.charAt(i);
      if (pattern.startsWith("**/", i)) {
        regex.append("(?:.*/)?");
        i += 2;
      } else if (pattern.startsWith("**", i)) {
        regex.append(".*");
        i += 1;
      } else if (c == '*') {
        regex.append("[^/]*");
      } else {
        regex.append(Pattern.quote(String.valueOf(c)));
      }
    }
    return path.matches(regex.toString());
  }
}
