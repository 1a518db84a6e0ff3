// Compile-only stand-in of the upstream declaration (see standalone/jenkins-api/README.md).
package hudson;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.model.TaskListener;
import hudson.remoting.Channel;
import hudson.remoting.VirtualChannel;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Minimal behaviour where test doubles need it: the constructors keep the listener and channel,
 * {@link #launch()} returns a {@link ProcStarter} that records what it is given, and
 * {@link ProcStarter#start()} calls {@link #launch(ProcStarter)}, as upstream does; the
 * {@code reverse*} flags are set as upstream sets them.
 */
public abstract class Launcher {
    @NonNull
    protected final TaskListener listener;
    @CheckForNull
    protected final VirtualChannel channel;

    protected Launcher(@NonNull TaskListener listener, @CheckForNull VirtualChannel channel) {
        this.listener = listener;
        this.channel = channel;
    }

    protected Launcher(@NonNull Launcher launcher) {
        this(launcher.listener, launcher.channel);
    }

    @CheckForNull
    public VirtualChannel getChannel() {
        return channel;
    }

    @NonNull
    public TaskListener getListener() {
        return listener;
    }

    public final class ProcStarter {
        protected List<String> commands;
        @CheckForNull
        protected boolean[] masks;
        private boolean quiet;
        @CheckForNull
        protected FilePath pwd;
        @CheckForNull
        protected OutputStream stdout = OutputStream.nullOutputStream(), stderr;
        @CheckForNull
        protected InputStream stdin = InputStream.nullInputStream();
        @CheckForNull
        protected String[] envs = null;
        protected boolean reverseStdin, reverseStdout, reverseStderr;

        public ProcStarter cmds(String... args) {
            return cmds(Arrays.asList(args));
        }

        public ProcStarter cmds(List<String> args) {
            commands = new ArrayList<>(args);
            return this;
        }

        public List<String> cmds() {
            return commands;
        }

        public ProcStarter masks(@CheckForNull boolean... masks) {
            this.masks = masks;
            return this;
        }

        @CheckForNull
        public boolean[] masks() {
            return masks;
        }

        public ProcStarter quiet(boolean quiet) {
            this.quiet = quiet;
            return this;
        }

        public boolean quiet() {
            return quiet;
        }

        public ProcStarter pwd(@CheckForNull FilePath workDir) {
            this.pwd = workDir;
            return this;
        }

        @CheckForNull
        public FilePath pwd() {
            return pwd;
        }

        public ProcStarter stdout(@CheckForNull OutputStream out) {
            this.stdout = out;
            return this;
        }

        @CheckForNull
        public OutputStream stdout() {
            return stdout;
        }

        public ProcStarter stderr(@CheckForNull OutputStream err) {
            this.stderr = err;
            return this;
        }

        @CheckForNull
        public OutputStream stderr() {
            return stderr;
        }

        public ProcStarter envs(@CheckForNull String... overrides) {
            if (overrides != null) {
                for (String override : overrides) {
                    if (override.indexOf('=') == -1) {
                        throw new IllegalArgumentException(override);
                    }
                }
            }
            this.envs = overrides;
            return this;
        }

        @NonNull
        public String[] envs() {
            return envs != null ? envs.clone() : new String[0];
        }

        public ProcStarter readStdout() {
            reverseStdout = true;
            stdout = stderr = null;
            return this;
        }

        public ProcStarter readStderr() {
            reverseStdout = true;
            reverseStderr = true;
            return this;
        }

        @NonNull
        public ProcStarter stdin(@CheckForNull InputStream in) {
            this.stdin = in;
            return this;
        }

        @CheckForNull
        public InputStream stdin() {
            return stdin;
        }

        public Proc start() throws IOException {
            return launch(this);
        }

        public int join() throws IOException, InterruptedException {
            return start().join();
        }
    }

    @NonNull
    public final ProcStarter launch() {
        return new ProcStarter();
    }

    public abstract Proc launch(@NonNull ProcStarter starter) throws IOException;

    public abstract Channel launchChannel(@NonNull String[] cmd, @NonNull OutputStream out,
            @CheckForNull FilePath workDir, @NonNull Map<String, String> envVars) throws IOException, InterruptedException;

    public abstract void kill(Map<String, String> modelEnvVars) throws IOException, InterruptedException;

    public static class DecoratedLauncher extends Launcher {
        private final Launcher inner;

        public DecoratedLauncher(@NonNull Launcher inner) {
            super(inner);
            this.inner = inner;
        }

        @Override
        public Proc launch(ProcStarter starter) throws IOException {
            return inner.launch(starter);
        }

        @Override
        public Channel launchChannel(String[] cmd, OutputStream out, FilePath workDir, Map<String, String> envVars)
                throws IOException, InterruptedException {
            return inner.launchChannel(cmd, out, workDir, envVars);
        }

        @Override
        public void kill(Map<String, String> modelEnvVars) throws IOException, InterruptedException {
            inner.kill(modelEnvVars);
        }

        @NonNull
        public Launcher getInner() {
            return inner;
        }
    }
}
