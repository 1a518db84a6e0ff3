package io.jenkins.plugins.esperanto.engine.squash;

import io.jenkins.plugins.esperanto.engine.squash.TestImages.ContextFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Dockerfile of an image that exercises every case a squasher gets wrong: deletions,
 * opaque refills, file/dir/symlink replacements, hard links whose target is deleted or
 * changed, chmod/chown-only changes, a non-whiteout name containing {@code .wh.}, long names
 * and link targets, uid/gid above 2^21, a security.capability xattr (set with the host's
 * {@code setcap}, copied in with its libraries, since busybox has no such tool), a FIFO, a
 * character device, {@code /etc/hosts} with content, changes to base files, and every
 * run-time config field.
 */
final class TortureImage {
  static final String HOSTS = "127.0.0.1 localhost\n10.0.0.7 torture.example\n";

  private TortureImage() {}

  static Map<String, ContextFile> context(String fixtureId) throws IOException, InterruptedException {
    Map<String, ContextFile> context = new LinkedHashMap<>();
    context.put("Dockerfile", new ContextFile(TestImages.bytes(dockerfile(fixtureId)), 0644));
    context.put("hosts", new ContextFile(TestImages.bytes(HOSTS), 0644));
    context.put("xt/setcap", new ContextFile(Files.readAllBytes(Path.of("/usr/sbin/setcap")), 0755));
    Process ldd = new ProcessBuilder("ldd", "/usr/sbin/setcap").redirectErrorStream(true).start();
    String libs = new String(ldd.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (ldd.waitFor() != 0) {
      throw new IOException("ldd /usr/sbin/setcap failed: " + libs);
    }
    Matcher m = Pattern.compile("(/\\S+)").matcher(libs);
    while (m.find()) {
      Path lib = Path.of(m.group(1));
      String name = lib.getFileName().toString().startsWith("ld-linux") ? "ld.so"
          : lib.getFileName().toString();
      context.put("xt/" + name, new ContextFile(Files.readAllBytes(lib), 0755));
    }
    return context;
  }

  private static String dockerfile(String fixtureId) {
    return String.join("\n",
        "FROM " + TestImages.FIXTURE,
        "LABEL " + SquashBase.BASE_LABEL + "=" + fixtureId + " org.example.keep=yes",
        "COPY hosts /etc/hosts",
        "COPY xt/ /xt/",
        "RUN mkdir -p /del /opq/sub /emp/sub /d2f/sub /d2l/sub /hl /perm"
            + " && echo gone > /del/gone && echo keep > /del/keep"
            + " && echo one > /opq/one && echo two > /opq/sub/two"
            + " && echo e1 > /emp/e1 && echo e2 > /emp/sub/e2"
            + " && echo file > /f2d && echo y > /d2f/sub/y && echo y > /d2l/sub/y"
            + " && echo target > /hl/target && ln /hl/target /hl/link1 && ln /hl/target /hl/link2"
            + " && echo t2 > /hl/t2 && ln /hl/t2 /hl/l2"
            + " && echo perm > /perm/file && chmod 640 /perm/file"
            + " && echo notwhiteout > /a.wh.b && mkdir /dir.wh.x && echo z > /dir.wh.x/f"
            + " && mkfifo /fifo && mknod /chardev c 1 3"
            + " && echo big > /biguid && chown 3000000:4000000 /biguid"
            + " && L=$(printf 'd%.0s' $(seq 1 120)) && N=$(printf 'n%.0s' $(seq 1 200))"
            + " && mkdir -p /long/$L && echo deep > /long/$L/$N && ln -s /long/$L/$N /longlink"
            + " && echo cap > /cap"
            + " && /xt/ld.so --library-path /xt /xt/setcap cap_setuid,cap_net_bind_service+ep /cap",
        "RUN rm /del/gone && rm -rf /opq && mkdir -p /opq/new && echo three > /opq/three"
            + " && echo four > /opq/new/four && rm -rf /emp/* && echo e3 > /emp/e3"
            + " && rm -f /f2d && mkdir /f2d && echo inside > /f2d/inside"
            + " && rm -rf /d2f && echo now-a-file > /d2f && rm -rf /d2l && ln -s /etc /d2l",
        "RUN rm /hl/target && echo changed > /hl/t2"
            + " && chmod 600 /perm/file && chown 1234:5678 /perm/file && chmod 700 /perm"
            + " && rm /bin/vi && chmod 700 /root && chown -h 7:7 /bin/ls"
            + " && rmdir /tmp && mkdir /tmp && chmod 1777 /tmp && echo x > /tmp/x",
        "RUN rm -rf /xt && echo again > /del/gone && rm /fifo && mkfifo /fifo2",
        "ENV FOO=bar PATH=/custom/bin:/usr/local/bin:/usr/bin:/bin",
        "WORKDIR /work",
        "EXPOSE 8080/tcp 9090/udp",
        "STOPSIGNAL SIGUSR1",
        "SHELL [\"/bin/sh\", \"-ec\"]",
        "HEALTHCHECK --interval=31s --timeout=3s CMD [\"true\"]",
        "ONBUILD RUN echo onbuild",
        "VOLUME /vol",
        "USER 1000:1000",
        "ENTRYPOINT [\"/bin/sh\", \"-c\"]",
        "CMD [\"echo hi\"]",
        "");
  }
}
