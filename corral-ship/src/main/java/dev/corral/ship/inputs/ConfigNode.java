package dev.corral.ship.inputs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Typed reads of one configuration map (an input, its {@code multiline:} block), every error naming the place
 * ({@code inputs[2].max_open_files}), the value and what was expected. Immutable.
 */
final class ConfigNode {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern DURATION = Pattern.compile("(\\d{1,9})(ms|s|m|h|d)");

  private final JsonNode node;
  private final String where;

  ConfigNode(JsonNode node, String where) {
    if (node == null || !node.isObject()) {
      throw new IllegalArgumentException(where + ": must be a map of options, got "
          + (node == null ? "nothing" : node.getNodeType().toString().toLowerCase(java.util.Locale.ROOT)));
    }
    this.node = node;
    this.where = where;
  }

  String where() {
    return where;
  }

  boolean has(String key) {
    return node.hasNonNull(key);
  }

  String string(String key, String fallback) {
    if (!has(key)) {
      return fallback;
    }
    JsonNode value = node.get(key);
    if (!value.isValueNode() || value.isBinary()) {
      throw invalid(key, value, "a string");
    }
    String text = value.asText();
    if (text.isBlank()) {
      throw invalid(key, value, "a non-empty string");
    }
    return text;
  }

  List<String> strings(String key, List<String> fallback) {
    if (!has(key)) {
      return fallback;
    }
    JsonNode value = node.get(key);
    if (value.isTextual()) {
      return List.of(value.asText()); // one glob given without a list
    }
    if (!value.isArray()) {
      throw invalid(key, value, "a list of strings");
    }
    List<String> texts = new ArrayList<>();
    for (int i = 0; i < value.size(); i++) {
      JsonNode item = value.get(i);
      if (!item.isTextual() || item.asText().isBlank()) {
        throw new IllegalArgumentException(where + "." + key + "[" + i + "]: " + item + " is not a non-empty string");
      }
      texts.add(item.asText());
    }
    return List.copyOf(texts);
  }

  boolean bool(String key, boolean fallback) {
    if (!has(key)) {
      return fallback;
    }
    JsonNode value = node.get(key);
    if (!value.isBoolean()) {
      throw invalid(key, value, "true or false");
    }
    return value.asBoolean();
  }

  int integer(String key, int fallback, int min, int max) {
    if (!has(key)) {
      return fallback;
    }
    JsonNode value = node.get(key);
    if (!value.isIntegralNumber() || value.asLong() < min || value.asLong() > max) {
      throw invalid(key, value, "a whole number from " + min + " to " + max);
    }
    return value.asInt();
  }

  /** A duration such as {@code 500ms}, {@code 10s}, {@code 5m}, {@code 24h}, {@code 3d}. */
  Duration duration(String key, Duration fallback, Duration min, Duration max) {
    if (!has(key)) {
      return fallback;
    }
    JsonNode value = node.get(key);
    Matcher matcher = DURATION.matcher(value.asText());
    if (!value.isTextual() || !matcher.matches()) {
      throw invalid(key, value, "a duration such as 500ms, 10s, 5m or 24h");
    }
    long amount = Long.parseLong(matcher.group(1));
    Duration duration = switch (matcher.group(2)) {
      case "ms" -> Duration.ofMillis(amount);
      case "s" -> Duration.ofSeconds(amount);
      case "m" -> Duration.ofMinutes(amount);
      case "h" -> Duration.ofHours(amount);
      default -> Duration.ofDays(amount);
    };
    if (duration.compareTo(min) < 0 || duration.compareTo(max) > 0) {
      throw invalid(key, value, "a duration from " + min.toMillis() + "ms to " + max.toMillis() + "ms");
    }
    return duration;
  }

  /** A map of field names to JSON values (strings, numbers, booleans, lists, maps). */
  Map<String, Object> map(String key) {
    if (!has(key)) {
      return Map.of();
    }
    JsonNode value = node.get(key);
    if (!value.isObject()) {
      throw invalid(key, value, "a map of field names to values");
    }
    Map<String, Object> fields = new LinkedHashMap<>();
    value.fields().forEachRemaining(field -> fields.put(field.getKey(), JSON.convertValue(field.getValue(), Object.class)));
    return fields;
  }

  /** The nested map under {@code key}, or null when absent. */
  ConfigNode child(String key) {
    return has(key) ? new ConfigNode(node.get(key), where + "." + key) : null;
  }

  /** Refuses keys not in {@code known} (a misspelt key is an error, not a silent default), naming them all. */
  void requireKnown(List<String> known) {
    Iterator<String> names = node.fieldNames();
    while (names.hasNext()) {
      String name = names.next();
      if (!known.contains(name)) {
        throw new IllegalArgumentException(where + ": unknown key '" + name + "'; the keys are "
            + String.join(", ", known));
      }
    }
  }

  IllegalArgumentException invalid(String key, JsonNode value, String expected) {
    return new IllegalArgumentException(where + "." + key + ": " + value + " is not " + expected);
  }

  IllegalArgumentException invalid(String key, String problem) {
    return new IllegalArgumentException(where + "." + key + ": " + problem);
  }
}
