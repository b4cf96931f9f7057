package dev.corral.server.alerts.state;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.corral.server.files.DurableFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The alert states on disk: {@code <data>/alerts-state/instances.json}, rewritten whole and
 * atomically ({@link DurableFile}) after every evaluation that changed a state, notified, or saw a
 * firing instance (whose {@code last_seen_at} hysteresis counts from), and always before the notification is handed on, so a restart never notifies a
 * transition twice and a firing instance keeps its start. Format version 1:
 * <pre>
 * {"format_version": 1,
 *  "rules": [{"name", "query", "window": "PT2M", "labels": {…}, "channels": […], "description", "runbook"}],
 *  "instances": [{"rule", "group": {…}, "state": "pending|firing|resolved", "value": 7.5 | null,
 *                 "details": {…}, "active_at", "starts_at", "last_seen_at", "ends_at", "last_notified_at"}]}
 * </pre>
 * Times are ISO-8601 instants, null where absent; a NaN value is null. A golden file of this version
 * ({@code src/test/resources/alerts-state/instances-v1.json}) guards the reader.
 */
final class StateFile {
  /** The format this server reads and writes. */
  static final int FORMAT_VERSION = 1;
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final TypeReference<Map<String, Object>> OBJECT = new TypeReference<>() {};

  /** What the file holds. */
  record Contents(List<RuleInfo> rules, List<AlertInstance> instances) {
    Contents {
      rules = List.copyOf(rules);
      instances = List.copyOf(instances);
    }
  }

  private final Path file;

  StateFile(Path file) {
    this.file = file;
  }

  /**
   * What the file holds; empty when there is none yet.
   *
   * @throws IOException naming the file and the entry when it does not read
   */
  Contents read() throws IOException {
    if (!Files.exists(file)) {
      return new Contents(List.of(), List.of());
    }
    JsonNode root = readVersioned(file, FORMAT_VERSION);
    try {
      List<RuleInfo> rules = new ArrayList<>();
      for (JsonNode rule : root.path("rules")) {
        rules.add(new RuleInfo(required(rule, "name"), required(rule, "query"),
            Duration.parse(required(rule, "window")), strings(rule.path("labels")),
            JSON.convertValue(rule.path("channels"), new TypeReference<List<String>>() {}),
            rule.path("description").asText(""), rule.path("runbook").asText("")));
      }
      List<AlertInstance> instances = new ArrayList<>();
      for (JsonNode instance : root.path("instances")) {
        instances.add(instance(instance));
      }
      return new Contents(rules, instances);
    } catch (RuntimeException e) {
      throw new IOException(file + " does not read as alert states (format_version " + FORMAT_VERSION + "): "
          + e.getMessage(), e);
    }
  }

  @Override
  public String toString() {
    return file.toString();
  }

  /** Replaces the file with {@code rules} and {@code instances}. */
  void write(List<RuleInfo> rules, List<AlertInstance> instances) throws IOException {
    List<Object> ruleJson = new ArrayList<>();
    for (RuleInfo rule : rules) {
      Map<String, Object> json = new LinkedHashMap<>();
      json.put("name", rule.name());
      json.put("query", rule.query());
      json.put("window", rule.window().toString());
      json.put("labels", rule.labels());
      json.put("channels", rule.channels());
      json.put("description", rule.description());
      json.put("runbook", rule.runbook());
      ruleJson.add(json);
    }
    List<Object> instanceJson = new ArrayList<>();
    for (AlertInstance instance : instances) {
      instanceJson.add(json(instance));
    }
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("format_version", FORMAT_VERSION);
    root.put("rules", ruleJson);
    root.put("instances", instanceJson);
    Files.createDirectories(file.getParent());
    DurableFile.replace(file, JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(root));
  }

  private static Map<String, Object> json(AlertInstance instance) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("rule", instance.key().rule());
    json.put("group", instance.key().group());
    json.put("state", instance.state().wireName());
    json.put("value", Double.isFinite(instance.value()) ? instance.value() : null);
    json.put("details", instance.details());
    json.put("active_at", text(instance.activeAt()));
    json.put("starts_at", text(instance.startsAt()));
    json.put("last_seen_at", text(instance.lastSeenAt()));
    json.put("ends_at", text(instance.endsAt()));
    json.put("last_notified_at", text(instance.lastNotifiedAt()));
    return json;
  }

  private static AlertInstance instance(JsonNode json) {
    InstanceKey key = InstanceKey.of(required(json, "rule"), strings(json.path("group")));
    JsonNode value = json.path("value");
    Map<String, Object> details = json.path("details").isObject() ? JSON.convertValue(json.get("details"), OBJECT)
        : Map.of();
    return new AlertInstance(key, AlertState.fromWireName(required(json, "state")),
        value.isNumber() ? value.asDouble() : Double.NaN, details, instant(json, "active_at"),
        instant(json, "starts_at"), instant(json, "last_seen_at"), instant(json, "ends_at"),
        instant(json, "last_notified_at"));
  }

  private static Map<String, String> strings(JsonNode json) {
    Map<String, String> map = new LinkedHashMap<>();
    json.properties().forEach(entry -> map.put(entry.getKey(), entry.getValue().asText()));
    return map;
  }

  private static String required(JsonNode json, String field) {
    JsonNode node = json.get(field);
    if (node == null || node.isNull()) {
      throw new IllegalArgumentException("missing '" + field + "' in " + json);
    }
    return node.asText();
  }

  private static Instant instant(JsonNode json, String field) {
    JsonNode node = json.get(field);
    return node == null || node.isNull() ? null : Instant.parse(node.asText());
  }

  private static String text(Instant instant) {
    return instant == null ? null : instant.toString();
  }

  /**
   * The root object of a versioned JSON file.
   *
   * @throws IOException naming the file when it is not a JSON object or its {@code format_version} is not {@code version}
   */
  static JsonNode readVersioned(Path file, int version) throws IOException {
    JsonNode root;
    try {
      root = JSON.readTree(Files.readAllBytes(file));
    } catch (IOException e) {
      throw new IOException(file + " is not JSON: " + e.getMessage(), e);
    }
    if (root == null || !root.isObject()) {
      throw new IOException(file + " is not a JSON object");
    }
    if (root.path("format_version").asInt(-1) != version) {
      throw new IOException(file + " has format_version " + root.path("format_version") + "; this server reads "
          + version);
    }
    return root;
  }
}
