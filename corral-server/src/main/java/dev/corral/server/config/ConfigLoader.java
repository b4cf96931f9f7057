package dev.corral.server.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;

/**
 * Resolves configuration from, in increasing priority: defaults, an optional YAML file, the
 * environment ({@code CORRAL_HTTP_PORT} for {@code http.port}) and explicit overrides (command-line
 * flags). Unknown keys in the file or overrides are rejected with the nearest known key.
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
    Map<String, String> values = new HashMap<>();
    Map<String, String> sources = new HashMap<>();
    for (Setting setting : Settings.ALL) {
      values.put(setting.key(), setting.defaultValue());
    }
    if (file != null) {
      readFile(file).forEach((key, value) -> {
        values.put(key, value);
        sources.put(key, file.toString());
      });
    }
    for (Setting setting : Settings.ALL) {
      String value = environment.get(setting.environmentVariable());
      if (value != null) {
        values.put(setting.key(), value);
        sources.put(setting.key(), "environment " + setting.environmentVariable());
      }
    }
    overrides.forEach((key, value) -> {
      requireKnown(key, "command line");
      values.put(key, value);
      sources.put(key, "command line");
    });
    return new ConfigValues(values, sources);
  }

  private static Map<String, String> readFile(Path file) {
    JsonNode root;
    try {
      root = YAML.readTree(Files.readAllBytes(file));
    } catch (IOException e) {
      throw new ConfigException("cannot read config file " + file + ": " + e.getMessage(), e);
    }
    Map<String, String> flat = new HashMap<>();
    if (root != null && !root.isMissingNode() && !root.isNull()) {
      if (!root.isObject()) {
        throw new ConfigException("config file " + file + " must hold a YAML mapping of settings");
      }
      flatten("", root, flat, file);
    }
    return flat;
  }

  private static void flatten(String prefix, JsonNode node, Map<String, String> out, Path file) {
    Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> entry = fields.next();
      String key = prefix + entry.getKey();
      JsonNode value = entry.getValue();
      if (value.isObject()) {
        flatten(key + ".", value, out, file);
      } else if (value.isValueNode()) {
        requireKnown(key, file.toString());
        out.put(key, value.isNull() ? "" : value.asText());
      } else {
        throw new ConfigException("setting " + key + " in " + file + " must be a single value, not a list");
      }
    }
  }

  private static void requireKnown(String key, String source) {
    if (Settings.byKey(key) == null) {
      String nearest = Settings.ALL.stream().map(Setting::key)
          .min(Comparator.comparingInt(known -> editDistance(known, key))).orElseThrow();
      throw new ConfigException("unknown setting '" + key + "' in " + source + "; did you mean '" + nearest
          + "'? Every setting is listed in docs/configuration.md");
    }
  }

  /** Levenshtein distance, for suggesting the nearest key. */
  static int editDistance(String a, String b) {
    int[] previous = new int[b.length() + 1];
    int[] current = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      previous[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      current[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        current[j] = Math.min(Math.min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
      }
      int[] swap = previous;
      previous = current;
      current = swap;
    }
    return previous[b.length()];
  }
}
