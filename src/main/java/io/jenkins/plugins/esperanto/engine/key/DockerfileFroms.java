package io.jenkins.plugins.esperanto.engine.key;

import io.jenkins.plugins.esperanto.engine.api.Printable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The {@code FROM} instructions of a Dockerfile, resolved as Docker resolves them: global {@code
 * ARG}s before the first {@code FROM} take their value from the build args or their default, and
 * are substituted into the image names; {@code AS} names make stages that later {@code FROM}s may
 * reference. {@link #rewrite} replaces image words in place and leaves every other byte alone.
 *
 * <p>Heredocs ({@code <<EOF}) are not recognised: a heredoc line that starts with {@code FROM}
 * would be taken for an instruction.
 */
public final class DockerfileFroms {
  private static final Pattern STAGE_NAME = Pattern.compile("[a-z][a-z0-9-_.]*");
  private static final Pattern SAFE_IMAGE = Pattern.compile("[A-Za-z0-9._/:@-]+");

  private final String text;
  private final List<FromInstruction> instructions;

  private DockerfileFroms(String text, List<FromInstruction> instructions) {
    this.text = text;
    this.instructions = Collections.unmodifiableList(instructions);
  }

  /**
   * Parses the Dockerfile text.
   *
   * @param buildArgs the build args of the build; they override global ARG defaults
   * @param fileNameForMessages how to name the file in messages
   * @throws DockerfileException naming the file and line for: no FROM, an instruction other than
   *     ARG before the first FROM, a FROM with no image or a wrong number of words, an unknown
   *     flag, a bad stage name, an ARG used without a value, a bad escape directive
   */
  public static DockerfileFroms parse(
      String dockerfileText, Map<String, String> buildArgs, String fileNameForMessages)
      throws DockerfileException {
    DockerfileLines lines;
    try {
      lines = DockerfileLines.parse(dockerfileText);
    } catch (DockerfileLines.LineProblem e) {
      throw new DockerfileException(
          fileNameForMessages,
          e.line,
          e.getMessage(),
          "use '# escape=\\' or '# escape=`' once, at the top");
    }
    Map<String, String> globalArgs = new LinkedHashMap<>();
    Set<String> stages = new HashSet<>();
    List<FromInstruction> froms = new ArrayList<>();
    for (DockerfileLines.Instruction instruction : lines.instructions()) {
      String keyword = instruction.keyword();
      try {
        if (keyword.equals("FROM")) {
          FromInstruction from = from(instruction, lines.escape(), globalArgs, stages);
          from.stageName().ifPresent(stages::add);
          froms.add(from);
        } else if (froms.isEmpty() && keyword.equals("ARG")) {
          globalArg(instruction, lines.escape(), buildArgs, globalArgs);
        } else if (froms.isEmpty()) {
          throw new IllegalArgumentException("has " + keyword + " before the first FROM");
        }
      } catch (IllegalArgumentException e) {
        throw new DockerfileException(
            fileNameForMessages, instruction.line, Printable.of(e.getMessage()), remedy(keyword));
      }
    }
    if (froms.isEmpty()) {
      throw new DockerfileException(
          fileNameForMessages,
          1,
          "starts a file without any FROM",
          "a Dockerfile needs at least one FROM instruction");
    }
    return new DockerfileFroms(dockerfileText, froms);
  }

  private static String remedy(String keyword) {
    if (keyword.equals("FROM")) {
      return "write FROM [--platform=<p>] <image> [AS <name>], declaring each ARG it uses"
          + " before the first FROM";
    }
    if (keyword.equals("ARG")) {
      return "write ARG <name>[=<default>]";
    }
    return "only ARG may come before the first FROM";
  }

  private static void globalArg(
      DockerfileLines.Instruction instruction,
      char escape,
      Map<String, String> buildArgs,
      Map<String, String> globalArgs) {
    List<String> words = WordExpander.words(argumentsOf(instruction.text), escape);
    if (words.isEmpty()) {
      throw new IllegalArgumentException("has an ARG without a name");
    }
    for (String word : words) {
      int equals = word.indexOf('=');
      String name = equals < 0 ? word : word.substring(0, equals);
      if (buildArgs.containsKey(name)) {
        globalArgs.put(name, buildArgs.get(name));
      } else if (equals >= 0) {
        globalArgs.put(name, WordExpander.expand(word.substring(equals + 1), escape, globalArgs));
      } else {
        globalArgs.remove(name);
      }
    }
  }

  private static FromInstruction from(
      DockerfileLines.Instruction instruction,
      char escape,
      Map<String, String> globalArgs,
      Set<String> stages) {
    String text = instruction.text;
    int pos = skipSpace(text, skipWord(text, skipSpace(text, 0)));
    Optional<String> platform = Optional.empty();
    while (text.startsWith("--", pos)) {
      int end = skipWord(text, pos);
      String flag = text.substring(pos + 2, end);
      if (!flag.toLowerCase(Locale.ROOT).startsWith("platform=")) {
        throw new IllegalArgumentException("has an unknown FROM flag '--" + flag + "'");
      }
      platform = Optional.of(flag.substring("platform=".length()));
      pos = skipSpace(text, end);
    }
    List<int[]> words = new ArrayList<>();
    while (pos < text.length()) {
      int end = skipWord(text, pos);
      words.add(new int[] {pos, end});
      pos = skipSpace(text, end);
    }
    if (words.isEmpty()) {
      throw new IllegalArgumentException("has a FROM without an image");
    }
    Optional<String> stageName = Optional.empty();
    if (words.size() == 3 && word(text, words.get(1)).equalsIgnoreCase("as")) {
      String name = word(text, words.get(2)).toLowerCase(Locale.ROOT);
      if (!STAGE_NAME.matcher(name).matches()) {
        throw new IllegalArgumentException(
            "names a stage '"
                + word(text, words.get(2))
                + "', but a stage name must start with a letter and hold only letters, digits, -,"
                + " _, .");
      }
      stageName = Optional.of(name);
    } else if (words.size() != 1) {
      throw new IllegalArgumentException(
          "has a FROM with "
              + words.size()
              + " words after the flags, where 1 (image) or 3 (image AS name) are expected");
    }
    int[] imageWord = words.get(0);
    String raw = word(text, imageWord);
    String image = WordExpander.expand(raw, escape, globalArgs);
    if (image.isEmpty()) {
      throw new IllegalArgumentException("has a FROM whose image '" + raw + "' is empty");
    }
    boolean earlierStage = stages.contains(image.toLowerCase(Locale.ROOT));
    return new FromInstruction(
        instruction.line,
        image,
        raw,
        stageName,
        platform,
        earlierStage,
        instruction.sourceOffset(imageWord[0]),
        instruction.sourceOffset(imageWord[1] - 1) + 1);
  }

  private static String argumentsOf(String text) {
    return text.substring(skipWord(text, skipSpace(text, 0)));
  }

  private static String word(String text, int[] range) {
    return text.substring(range[0], range[1]);
  }

  private static int skipSpace(String text, int pos) {
    while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
      pos++;
    }
    return pos;
  }

  private static int skipWord(String text, int pos) {
    while (pos < text.length() && !Character.isWhitespace(text.charAt(pos))) {
      pos++;
    }
    return pos;
  }

  /** The FROM instructions in file order. */
  public List<FromInstruction> instructions() {
    return instructions;
  }

  /**
   * The Dockerfile text with the image word of the given FROM lines replaced; every other byte is
   * unchanged.
   *
   * @param replacementImageByLine new image reference by {@link FromInstruction#line()}
   * @throws IllegalArgumentException when a line has no FROM, or a replacement is not a plain image
   *     reference ({@code [A-Za-z0-9._/:@-]+})
   */
  public String rewrite(Map<Integer, String> replacementImageByLine) {
    Map<Integer, FromInstruction> byLine = new TreeMap<>();
    for (FromInstruction from : instructions) {
      byLine.put(from.line(), from);
    }
    TreeMap<Integer, String> bySource = new TreeMap<>();
    Map<Integer, FromInstruction> fromAtSource = new TreeMap<>();
    for (Map.Entry<Integer, String> replacement : replacementImageByLine.entrySet()) {
      FromInstruction from = byLine.get(replacement.getKey());
      if (from == null) {
        throw new IllegalArgumentException(
            "line " + replacement.getKey() + " has no FROM; FROM lines are " + byLine.keySet());
      }
      if (!SAFE_IMAGE.matcher(replacement.getValue()).matches()) {
        throw new IllegalArgumentException(
            "replacement image '"
                + Printable.of(replacement.getValue())
                + "' for line "
                + replacement.getKey()
                + " is not a plain image reference");
      }
      bySource.put(from.sourceStart(), replacement.getValue());
      fromAtSource.put(from.sourceStart(), from);
    }
    StringBuilder out = new StringBuilder(text.length());
    int copied = 0;
    for (Map.Entry<Integer, String> replacement : bySource.entrySet()) {
      FromInstruction from = fromAtSource.get(replacement.getKey());
      out.append(text, copied, from.sourceStart()).append(replacement.getValue());
      copied = from.sourceEnd();
    }
    out.append(text, copied, text.length());
    return out.toString();
  }

  @Override
  public String toString() {
    return "DockerfileFroms" + instructions;
  }
}
