package dev.corral.server.retention;

import com.fasterxml.jackson.databind.JsonNode;
import dev.corral.query.QuerySyntaxException;
import dev.corral.query.TimeExpression;
import dev.corral.server.config.ByteSize;
import dev.corral.server.config.DurationText;
import dev.corral.server.search.InvalidFieldException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A retention policy as JSON, in the admin API and in {@code data/retention.json}: {@code
 * {"max_age": "30d", "max_bytes": "200GiB", "rules": [{"match": "level:DEBUG", "max_age": "3d"}]}}.
 * Durations as configuration writes them ({@code 0} keeps forever); sizes as a number of bytes or
 * with a unit. Written back with durations as text and sizes in bytes.
 */
final class RetentionPolicyJson {
  private static final Set<String> FIELDS = Set.of("max_age", "max_bytes", "rules");

  private RetentionPolicyJson() {}

  /**
   * The policy {@code json} describes; a field it leaves out keeps its value in {@code base}.
   *
   * @throws InvalidFieldException naming the field and the problem
   */
  static RetentionPolicy read(JsonNode json, RetentionPolicy base) throws InvalidFieldException {
    if (json == null || !json.isObject()) {
      throw new InvalidFieldException("policy", "send a JSON object: {\"max_age\": \"30d\", \"max_bytes\": "
          + "\"200GiB\", \"rules\": [{\"match\": \"level:DEBUG\", \"max_age\": \"3d\"}]}", null);
    }
    for (Iterator<String> names = json.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!FIELDS.contains(name)) {
        throw new InvalidFieldException(name, "unknown field; a policy has max_age, max_bytes and rules", null);
      }
    }
    Duration maxAge = json.has("max_age") ? duration(json.get("max_age"), "max_age") : base.maxAge();
    long maxBytes = json.has("max_bytes") ? size(json.get("max_bytes")) : base.maxBytes();
    List<RetentionRule> rules = json.has("rules") ? rules(json.get("rules")) : base.rules();
    try {
      return new RetentionPolicy(maxAge, maxBytes, rules);
    } catch (IllegalArgumentException e) {
      throw new InvalidFieldException("policy", e.getMessage(), null);
    }
  }

  private static List<RetentionRule> rules(JsonNode json) throws InvalidFieldException {
    if (!json.isArray()) {
      throw new InvalidFieldException("rules", "must be a list of {\"match\", \"max_age\"}", null);
    }
    List<RetentionRule> rules = new ArrayList<>();
    for (int i = 0; i < json.size(); i++) {
      String place = "rules[" + i + "]";
      JsonNode rule = json.get(i);
      if (!rule.isObject() || !rule.path("match").isTextual() || !rule.has("max_age") || rule.size() != 2) {
        throw new InvalidFieldException(place, "a rule is {\"match\": \"<filter>\", \"max_age\": \"3d\"}", null);
      }
      String match = rule.get("match").asText();
      Duration maxAge = duration(rule.get("max_age"), place + ".max_age");
      try {
        rules.add(RetentionRule.of(match, maxAge));
      } catch (QuerySyntaxException e) {
        throw new InvalidFieldException(place + ".match", "'" + match + "' does not parse: " + e.reason()
            + " at position " + e.position(), e);
      } catch (IllegalArgumentException e) {
        throw new InvalidFieldException(place + ".max_age", e.getMessage(), null);
      }
    }
    return rules;
  }

  private static Duration duration(JsonNode json, String field) throws InvalidFieldException {
    String text = json.asText().trim();
    if (text.equals("0")) {
      return Duration.ZERO;
    }
    try {
      return TimeExpression.parseDuration(text);
    } catch (IllegalArgumentException e) {
      throw new InvalidFieldException(field, "'" + text + "' is not a duration (use e.g. 30d, 12h; 0 keeps "
          + "forever): " + e.getMessage(), null);
    }
  }

  private static long size(JsonNode json) throws InvalidFieldException {
    if (json.isIntegralNumber()) {
      return json.asLong();
    }
    try {
      return ByteSize.parse(json.asText());
    } catch (IllegalArgumentException e) {
      throw new InvalidFieldException("max_bytes", e.getMessage() + "; 0 sets no size limit", null);
    }
  }

  /** The policy as {@link #read} takes it. */
  static Map<String, Object> write(RetentionPolicy policy) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("max_age", DurationText.format(policy.maxAge()));
    json.put("max_bytes", policy.maxBytes());
    List<Map<String, Object>> rules = new ArrayList<>();
    for (RetentionRule rule : policy.rules()) {
      Map<String, Object> one = new LinkedHashMap<>();
      one.put("match", rule.match());
      one.put("max_age", DurationText.format(rule.maxAge()));
      rules.add(one);
    }
    json.put("rules", rules);
    return json;
  }
}
