package dev.corral.server.alerts.rules;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.corral.query.QuerySyntaxException;
import dev.corral.server.alerts.AlertRule;
import dev.corral.server.alerts.RuleKind;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads one rule file's YAML (JSON is YAML too) into a validated {@link CompiledRule}. Every refusal
 * is an {@link InvalidRuleException} naming the source, the line of the offending key and the
 * problem: malformed YAML, an unknown or repeated key, a missing {@code name} or {@code query}, an
 * unknown {@code kind}, a query or condition that does not parse (with the caret under the
 * offending character), a zero or negative {@code every} or {@code window}, a negative {@code for},
 * an unknown channel, kind settings that do not fit. Stateless and thread-safe.
 */
final class RuleReader {
  /** The keys a rule file may hold, as the docs list them. */
  static final Set<String> KEYS = Set.of("name", "kind", "query", "every", "window", "condition", "for",
      "keep_firing_for", "renotify_every", "labels", "group_by", "channels", "description", "runbook", "settings",
      "enabled");
  /** A name is a file stem and a metric label: letters, digits, '_', '-', '.'. */
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,127}");
  private static final YAMLFactory YAML = new YAMLFactory();
  private static final ObjectMapper MAPPER = new ObjectMapper(YAML);

  private RuleReader() {}

  /** A value and the line its key is on. */
  private record Located(JsonNode value, int line) {}

  /**
   * Reads and validates {@code text}.
   *
   * @param source the file name (or {@code the request body}) errors name
   * @param channels the channel names {@code channels.yaml} defines
   */
  static CompiledRule read(String source, String text, Set<String> channels) throws InvalidRuleException {
    Map<String, Located> fields = fields(source, text);
    for (Map.Entry<String, Located> field : fields.entrySet()) {
      if (!KEYS.contains(field.getKey())) {
        throw new InvalidRuleException(source, field.getValue().line(), "unknown key '" + field.getKey()
            + "'; a rule file holds " + String.join(", ", new java.util.TreeSet<>(KEYS)));
      }
    }
    String name = text(source, fields, "name", null);
    if (name == null || !NAME.matcher(name).matches()) {
      throw new InvalidRuleException(source, line(fields, "name"), name == null ? "a rule needs a name"
          : "name '" + name + "' must be letters, digits, '_', '-' or '.' (at most 128), starting with a letter or digit");
    }
    RuleKind kind;
    try {
      kind = RuleKind.fromWireName(text(source, fields, "kind", "threshold"));
    } catch (IllegalArgumentException e) {
      throw new InvalidRuleException(source, line(fields, "kind"), e.getMessage());
    }
    String query = text(source, fields, "query", null);
    if (query == null) {
      throw new InvalidRuleException(source, 0, "a rule needs a query");
    }
    Duration every = duration(source, fields, "every", null, true);
    Duration window = duration(source, fields, "window", kind == RuleKind.MATCH ? every : null, true);
    List<String> channelNames = list(source, fields, "channels");
    for (String channel : channelNames) {
      if (!channels.contains(channel)) {
        throw new InvalidRuleException(source, line(fields, "channels"), "unknown channel '" + channel + "'; "
            + (channels.isEmpty() ? "channels.yaml defines none" : "channels.yaml defines " + String.join(", ",
                new java.util.TreeSet<>(channels))));
      }
    }
    AlertRule rule = new AlertRule(name, kind, query, every, window, text(source, fields, "condition", ""),
        duration(source, fields, "for", Duration.ZERO, false), duration(source, fields, "keep_firing_for", Duration.ZERO,
            false), duration(source, fields, "renotify_every", Duration.ZERO, false),
        textMap(source, fields, "labels"), list(source, fields, "group_by"), channelNames,
        text(source, fields, "description", ""), text(source, fields, "runbook", ""), settings(source, fields),
        bool(source, fields, "enabled"));
    try {
      return CompiledRule.of(rule);
    } catch (QuerySyntaxException e) {
      boolean inCondition = e.position() > query.length();
      String key = inCondition ? "condition" : "query";
      String shown = inCondition ? "where " + rule.condition() : query;
      int position = inCondition ? e.position() - (query.length() + " | ".length()) : e.position();
      throw new InvalidRuleException(source, line(fields, key), key + " does not parse: " + e.reason()
          + " at position " + position + "\n" + shown + "\n" + " ".repeat(Math.max(0, position)) + "^");
    } catch (IllegalArgumentException e) {
      int line = fields.containsKey("settings") && e.getMessage().contains("setting") ? line(fields, "settings")
          : line(fields, "query");
      throw new InvalidRuleException(source, line, e.getMessage());
    }
  }

  private static Map<String, Located> fields(String source, String text) throws InvalidRuleException {
    Map<String, Located> fields = new LinkedHashMap<>();
    try (JsonParser parser = YAML.createParser(text)) {
      parser.setCodec(MAPPER);
      JsonToken first = parser.nextToken();
      if (first != JsonToken.START_OBJECT) {
        throw new InvalidRuleException(source, first == null ? 0 : parser.currentTokenLocation().getLineNr(),
            "a rule file holds one mapping of keys (name, query, ...)" + (first == null ? ", and this one is empty" : ""));
      }
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String key = parser.currentName();
        int line = parser.currentTokenLocation().getLineNr();
        parser.nextToken();
        JsonNode value = parser.readValueAsTree();
        if (fields.put(key, new Located(value, line)) != null) {
          throw new InvalidRuleException(source, line, "key '" + key + "' is given twice");
        }
      }
    } catch (JsonProcessingException e) {
      int line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
      throw new InvalidRuleException(source, line, "malformed YAML: " + e.getOriginalMessage());
    } catch (IOException e) {
      throw new IllegalStateException("BUG: reading a string failed: " + e, e);
    }
    return fields;
  }

  private static int line(Map<String, Located> fields, String key) {
    Located located = fields.get(key);
    return located == null ? 0 : located.line();
  }

  private static String text(String source, Map<String, Located> fields, String key, String fallback)
      throws InvalidRuleException {
    Located located = fields.get(key);
    if (located == null || located.value().isNull()) {
      return fallback;
    }
    if (!located.value().isValueNode()) {
      throw new InvalidRuleException(source, located.line(), "'" + key + "' must be a text, got " + located.value());
    }
    String text = located.value().asText().strip();
    return text.isEmpty() ? fallback : text;
  }

  private static Duration duration(String source, Map<String, Located> fields, String key, Duration fallback,
      boolean positive) throws InvalidRuleException {
    String text = text(source, fields, key, null);
    if (text == null) {
      if (fallback == null) {
        throw new InvalidRuleException(source, 0, "a rule needs '" + key + "', a duration such as 30s, 2m or 1h");
      }
      return fallback;
    }
    Duration duration;
    try {
      duration = SettingsReader.RuleDurations.parse(text);
    } catch (IllegalArgumentException e) {
      throw new InvalidRuleException(source, line(fields, key), "'" + key + "': " + e.getMessage());
    }
    if (duration.isNegative() || positive && duration.isZero()) {
      throw new InvalidRuleException(source, line(fields, key), "'" + key + "' is " + text + "; it must be "
          + (positive ? "above zero" : "zero or more"));
    }
    return duration;
  }

  private static List<String> list(String source, Map<String, Located> fields, String key) throws InvalidRuleException {
    Located located = fields.get(key);
    if (located == null || located.value().isNull()) {
      return List.of();
    }
    JsonNode value = located.value();
    if (value.isTextual()) {
      return List.of(value.asText().strip());
    }
    if (!value.isArray()) {
      throw new InvalidRuleException(source, located.line(), "'" + key + "' must be a list of names, got " + value);
    }
    List<String> names = new ArrayList<>();
    for (JsonNode item : value) {
      if (!item.isValueNode() || item.asText().isBlank()) {
        throw new InvalidRuleException(source, located.line(), "'" + key + "' must be a list of names, got " + value);
      }
      names.add(item.asText().strip());
    }
    return names;
  }

  private static Map<String, String> textMap(String source, Map<String, Located> fields, String key)
      throws InvalidRuleException {
    Located located = fields.get(key);
    if (located == null || located.value().isNull()) {
      return Map.of();
    }
    if (!located.value().isObject()) {
      throw new InvalidRuleException(source, located.line(), "'" + key + "' must be a mapping of names to texts, "
          + "e.g. {severity: critical}");
    }
    Map<String, String> map = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> entry : located.value().properties()) {
      if (!entry.getValue().isValueNode() || entry.getValue().isNull()) {
        throw new InvalidRuleException(source, located.line(), "'" + key + "." + entry.getKey() + "' must be a text");
      }
      map.put(entry.getKey(), entry.getValue().asText());
    }
    return map;
  }

  private static Map<String, Object> settings(String source, Map<String, Located> fields) throws InvalidRuleException {
    Located located = fields.get("settings");
    if (located == null || located.value().isNull()) {
      return Map.of();
    }
    if (!located.value().isObject()) {
      throw new InvalidRuleException(source, located.line(), "'settings' must be a mapping, e.g. {min_services: 2}");
    }
    Map<String, Object> settings = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> entry : located.value().properties()) {
      JsonNode value = entry.getValue();
      if (!value.isValueNode() || value.isNull()) {
        throw new InvalidRuleException(source, located.line(), "setting '" + entry.getKey() + "' must be a text or a"
            + " number");
      }
      settings.put(entry.getKey(), value.isNumber() ? value.numberValue() : value.asText());
    }
    return settings;
  }

  private static boolean bool(String source, Map<String, Located> fields, String key) throws InvalidRuleException {
    Located located = fields.get(key);
    if (located == null || located.value().isNull()) {
      return true;
    }
    if (!located.value().isBoolean()) {
      throw new InvalidRuleException(source, located.line(), "'" + key + "' must be true or false, got "
          + located.value());
    }
    return located.value().asBoolean();
  }
}
