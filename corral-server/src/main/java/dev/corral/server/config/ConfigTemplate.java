package dev.corral.server.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Writes settings as a commented YAML configuration file that {@link ConfigLoader} reads: one
 * mapping per section (a key's part before its first dot, in the order the sections first appear),
 * under it every setting with its description, default and environment variable as comments.
 *
 * <p>The contract, which a test holds the output to: loading the file gives each chosen value and
 * every other setting's default; a setting left at its default is one line {@code #name: default}
 * (no space after the {@code #}), and removing that {@code #} sets the same default explicitly.
 * Stateless; safe to call from any thread.
 */
public final class ConfigTemplate {
  /** Description lines are wrapped to this width (comment marker and indentation included). */
  private static final int LINE_WIDTH = 100;
  private static final String INDENT = "  ";
  /** Values YAML reads back as the same text without quotes: names, numbers, sizes, durations, addresses. */
  private static final Pattern PLAIN = Pattern.compile(
      "-?(0|[1-9][0-9]*)|[0-9]+(\\.[0-9]+)?[A-Za-z]+|[0-9]+(\\.[0-9]+){2,}|[A-Za-z./][A-Za-z0-9._/-]*");
  /** Words YAML 1.1 reads as booleans or null (true and false read back as themselves). */
  private static final Set<String> YAML_WORDS = Set.of("yes", "no", "on", "off", "y", "n", "null", "~");

  /**
   * A value this file sets, and why (written above it as a comment).
   *
   * @param value the value as configuration text (a list setting's items comma-separated)
   */
  public record Choice(String value, String reason) {
    public Choice {
      if (value == null || reason == null || reason.isBlank()) {
        throw new IllegalArgumentException("a chosen value needs a value and a reason, got " + value + ", " + reason);
      }
    }
  }

  private ConfigTemplate() {}

  /**
   * The file's text.
   *
   * @param header comment lines (without the {@code #}) written first
   * @param settings every setting to write, in order
   * @param choices key to the value the file sets; every key must be among {@code settings}
   * @throws IllegalArgumentException naming a chosen key that is not a setting, or a list-of-maps setting
   *     given a value (only an empty one can be written)
   */
  public static String render(List<String> header, List<Setting> settings, Map<String, Choice> choices) {
    List<String> unknown = choices.keySet().stream()
        .filter(key -> settings.stream().noneMatch(setting -> setting.key().equals(key))).toList();
    if (!unknown.isEmpty()) {
      throw new IllegalArgumentException("chosen values for keys that are no setting: " + unknown);
    }
    StringBuilder out = new StringBuilder();
    header.forEach(line -> out.append(line.isEmpty() ? "#" : "# " + line).append('\n'));
    sections(settings).forEach((section, members) -> {
      out.append('\n').append(section).append(":\n");
      for (int i = 0; i < members.size(); i++) {
        if (i > 0) {
          out.append('\n');
        }
        writeSetting(out, members.get(i), choices.get(members.get(i).key()));
      }
    });
    return out.toString();
  }

  private static Map<String, List<Setting>> sections(List<Setting> settings) {
    Map<String, List<Setting>> sections = new LinkedHashMap<>();
    for (Setting setting : settings) {
      sections.computeIfAbsent(section(setting), section -> new ArrayList<>()).add(setting);
    }
    return sections;
  }

  private static String section(Setting setting) {
    int dot = setting.key().indexOf('.');
    if (dot <= 0) {
      throw new IllegalArgumentException("setting " + setting.key() + " has no section (no dot in its key)");
    }
    return setting.key().substring(0, dot);
  }

  private static void writeSetting(StringBuilder out, Setting setting, Choice choice) {
    String name = setting.key().substring(section(setting).length() + 1);
    comment(out, setting.description());
    comment(out, "Default: " + (setting.defaultValue().isEmpty() ? "(none)" : setting.defaultValue()) + ". "
        + (setting.shape() == Setting.Shape.MAPS ? "Only in this file (no environment variable or flag can give it)."
            : "Environment: " + setting.environmentVariable() + "."));
    if (choice == null) {
      out.append(INDENT).append('#').append(name).append(": ").append(value(setting, setting.defaultValue())).append('\n');
    } else {
      comment(out, "Set here: " + choice.reason());
      out.append(INDENT).append(name).append(": ").append(value(setting, choice.value())).append('\n');
    }
  }

  /** {@code text} as comment lines of at most {@link #LINE_WIDTH} characters (a longer word stays whole). */
  private static void comment(StringBuilder out, String text) {
    String prefix = INDENT + "# ";
    StringBuilder line = new StringBuilder(prefix);
    for (String word : text.split(" +")) {
      if (line.length() > prefix.length() && line.length() + 1 + word.length() > LINE_WIDTH) {
        out.append(line).append('\n');
        line.setLength(0);
        line.append(prefix);
      }
      if (line.length() > prefix.length()) {
        line.append(' ');
      }
      line.append(word);
    }
    out.append(line).append('\n');
  }

  /** A value of the setting's shape as YAML. */
  private static String value(Setting setting, String text) {
    return switch (setting.shape()) {
      case VALUE -> scalar(text);
      case LIST -> "[" + String.join(", ", SettingValue.Items.parse(text).items().stream()
          .map(ConfigTemplate::scalar).toList()) + "]";
      case MAPS -> {
        if (!text.isEmpty()) {
          throw new IllegalArgumentException("setting " + setting.key() + " holds mappings; the template writes only "
              + "an empty list, not '" + text + "'");
        }
        yield "[]";
      }
    };
  }

  /** Plain when YAML reads it back as the same text, otherwise double-quoted. */
  private static String scalar(String text) {
    if (PLAIN.matcher(text).matches() && !YAML_WORDS.contains(text.toLowerCase(java.util.Locale.ROOT))) {
      return text;
    }
    return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }
}
