package dev.corral.server.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.corral.query.NearestName;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Resolves configuration from, in increasing priority: defaults, an optional YAML file, the
 * environment ({@code CORRAL_HTTP_PORT} for {@code http.port}) and explicit overrides (command-line
 * flags). Unknown keys in the file or overrides are rejected with the nearest known key.
 *
 * <p>A value takes its setting's {@link Setting.Shape}: a list setting takes a YAML list, or
 * comma-separated text from any source; a list-of-maps setting takes a YAML list of mappings, from
 * the file only. A value of another shape is an error naming the key, what was expected and where
 * the value came from. A section left empty ({@code http:} with every key under it commented out)
 * sets nothing.
 */
public final class ConfigLoader {
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  private ConfigLoader() {}

  /**
   * @param file a YAML file, or {@code null} for none
   * @param environment usually {@code System.getenv()}
   * @param overrides key to value, from flags
   */
  public static ConfigValues load(Path file, Map<String, String> environment, Map<String, String> overrides) {
    return load(Settings.ALL, file, environment, overrides);
  }

  /** As {@link #load(Path, Map, Map)}, knowing only {@code settings}. */
  static ConfigValues load(List<Setting> settings, Path file, Map<String, String> environment,
      Map<String, String> overrides) {
    Map<String, Setting> known = new LinkedHashMap<>();
    settings.forEach(setting -> known.put(setting.key(), setting));
    Map<String, SettingValue> values = new HashMap<>();
    Map<String, String> sources = new HashMap<>();
    for (Setting setting : settings) {
      values.put(setting.key(), fromText(setting, setting.defaultValue(), "default"));
    }
    if (file != null) {
      readFile(file, known).forEach((key, value) -> {
        values.put(key, value);
        sources.put(key, file.toString());
      });
    }
    for (Setting setting : settings) {
      String value = environment.get(setting.environmentVariable());
      if (value != null) {
        String source = "environment " + setting.environmentVariable();
        values.put(setting.key(), fromText(setting, value, source));
        sources.put(setting.key(), source);
      }
    }
    overrides.forEach((key, value) -> {
      Setting setting = requireKnown(key, "command line", known);
      values.put(key, fromText(setting, value, "command line"));
      sources.put(key, "command line");
    });
    return new ConfigValues(values, sources);
  }

  /** Text from a default, the environment or a flag, read as the setting's shape. */
  private static SettingValue fromText(Setting setting, String text, String source) {
    return switch (setting.shape()) {
      case VALUE -> new SettingValue.Text(text);
      case LIST -> SettingValue.Items.parse(text);
      case MAPS -> {
        if (!text.isBlank()) {
          throw new ConfigException("setting " + setting.key() + " (from " + source + ") must be "
              + setting.shape().description() + ", which only the config file can give");
        }
        yield new SettingValue.Entries(List.of());
      }
    };
  }

  private static Map<String, SettingValue> readFile(Path file, Map<String, Setting> known) {
    JsonNode root;
    try {
      root = YAML.readTree(Files.readAllBytes(file));
    } catch (IOException e) {
      throw new ConfigException("cannot read config file " + file + ": " + e.getMessage(), e);
    }
    Map<String, SettingValue> flat = new HashMap<>();
    if (root != null && !root.isMissingNode() && !root.isNull()) {
      if (!root.isObject()) {
        throw new ConfigException("config file " + file + " must hold a YAML mapping of settings");
      }
      flatten("", root, flat, file, known);
    }
    return flat;
  }

  private static void flatten(String prefix, JsonNode node, Map<String, SettingValue> out, Path file,
      Map<String, Setting> known) {
    Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> entry = fields.next();
      String key = prefix + entry.getKey();
      JsonNode value = entry.getValue();
      Setting setting = known.get(key);
      if (value.isObject() && setting == null) {
        flatten(key + ".", value, out, file, known);
      } else if (value.isNull() && setting == null && isSection(key, known)) {
        continue; // a section whose keys are all commented out, as in the distribution's corral.yaml
      } else {
        setting = requireKnown(key, file.toString(), known);
        out.put(key, fromYaml(setting, value, file));
      }
    }
  }

  /** Whether {@code name} is the prefix of some setting's key ({@code http} of {@code http.port}). */
  private static boolean isSection(String name, Map<String, Setting> known) {
    return known.keySet().stream().anyMatch(key -> key.startsWith(name + "."));
  }

  /** A YAML node read as the setting's shape. */
  private static SettingValue fromYaml(Setting setting, JsonNode value, Path file) {
    return switch (setting.shape()) {
      case VALUE -> {
        if (!value.isValueNode()) {
          throw wrongShape(setting, file, "a " + kind(value));
        }
        yield new SettingValue.Text(text(value));
      }
      case LIST -> {
        if (value.isValueNode()) {
          yield SettingValue.Items.parse(text(value));
        }
        if (!value.isArray()) {
          throw wrongShape(setting, file, "a " + kind(value));
        }
        List<String> items = new ArrayList<>();
        for (int i = 0; i < value.size(); i++) {
          items.add(single(setting, value.get(i), file, "item " + (i + 1)).trim());
        }
        yield new SettingValue.Items(items.stream().filter(item -> !item.isEmpty()).toList());
      }
      case MAPS -> {
        if (value.isNull()) {
          yield new SettingValue.Entries(List.of());
        }
        if (!value.isArray()) {
          throw wrongShape(setting, file, "a " + kind(value));
        }
        List<Map<String, String>> entries = new ArrayList<>();
        for (int i = 0; i < value.size(); i++) {
          entries.add(entry(setting, value.get(i), file, i + 1));
        }
        yield new SettingValue.Entries(entries);
      }
    };
  }

  private static Map<String, String> entry(Setting setting, JsonNode item, Path file, int number) {
    if (!item.isObject()) {
      throw new ConfigException("setting " + setting.key() + " in " + file + ": item " + number
          + " must be a mapping (key: value), not a " + kind(item));
    }
    Map<String, String> entry = new LinkedHashMap<>();
    Iterator<Map.Entry<String, JsonNode>> fields = item.fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> field = fields.next();
      entry.put(field.getKey(), single(setting, field.getValue(), file, "item " + number + " key '" + field.getKey() + "'"));
    }
    return entry;
  }

  /** The text of a node that must be a single value; {@code place} names it in the error. */
  private static String single(Setting setting, JsonNode node, Path file, String place) {
    if (!node.isValueNode()) {
      throw new ConfigException("setting " + setting.key() + " in " + file + ": " + place
          + " must be a single value, not a " + kind(node));
    }
    return text(node);
  }

  private static String text(JsonNode value) {
    return value.isNull() ? "" : value.asText();
  }

  private static ConfigException wrongShape(Setting setting, Path file, String found) {
    return new ConfigException("setting " + setting.key() + " in " + file + " must be "
        + setting.shape().description() + ", not " + found);
  }

  /** "list", "mapping" or "single value", for error messages. */
  private static String kind(JsonNode node) {
    return node.isArray() ? "list" : node.isObject() ? "mapping" : "single value";
  }

  private static Setting requireKnown(String key, String source, Map<String, Setting> known) {
    Setting setting = known.get(key);
    if (setting == null) {
      String nearest = known.keySet().stream()
          .min(Comparator.comparingInt(candidate -> NearestName.distance(candidate, key))).orElseThrow();
      throw new ConfigException("unknown setting '" + key + "' in " + source + "; did you mean '" + nearest
          + "'? Every setting is listed in docs/configuration.md");
    }
    return setting;
  }
}
