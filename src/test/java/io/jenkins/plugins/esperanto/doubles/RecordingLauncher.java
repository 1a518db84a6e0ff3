package io.jenkins.plugins.esperanto.doubles;

import hudson.Launcher;
import hudson.Proc;
import hudson.model.TaskListener;
import hudson.remoting.VirtualChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The agent's own launcher, as decorated (jenkinsci/jenkins, core/src/main/java/hudson/Launcher.java, jenkins-2.555.3):
 * it must never be asked to launch; kills are recorded.
 */
public final class RecordingLauncher extends Launcher {
  public final List<Map<String, String>> kills = new ArrayList<>();

  public RecordingLauncher(TaskListener listener, VirtualChannel channel) {
    super(listener, channel);
  }

  @Override
  public Proc launch(ProcStarter starter) {
    throw new AssertionError("a command was launched on the agent, outside the container: " + starter.cmds());
  }

  @Override
  public void kill(Map<String, String> modelEnvVars) {
    kills.add(modelEnvVars);
  }

  // Abstract in core 2.555.3's Launcher; the glue never launches a remoting channel.
  @Override
  public hudson.remoting.Channel launchChannel(String[] cmd, java.io.OutputStream out, hudson.FilePath workDir,
      Map<String, String> envVars) {
    throw new UnsupportedOperationException("RecordingLauncher does not launch channels");
  }
}
