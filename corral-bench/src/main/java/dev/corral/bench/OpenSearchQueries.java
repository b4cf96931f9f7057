package dev.corral.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * Translates the benchmark's Corral queries ({@link BenchQuery#standard}) into equivalent
 * OpenSearch {@code _search} bodies, one shape per query of the set; any other text has no
 * translation. What "equivalent" means, query by query (docs/benchmarks.md repeats it):
 *
 * <ul>
 *   <li>{@code trace_id:"<id>"} → {@code term} on the keyword {@code trace_id}.
 *   <li>{@code level:ERROR} → {@code term} on the keyword {@code level}.
 *   <li>{@code "<phrase>"} → {@code multi_match} of type {@code phrase} over {@code message} and
 *       {@code exception.stacktrace}, Corral's default full-text fields.
 *   <li>{@code message:/<regex>/} → {@code regexp} on the analyzed {@code message} field. Both
 *       engines match the regular expression against the field's indexed terms (lowercased words),
 *       not against the whole message, so the answers are the same.
 *   <li>{@code * | stats count() by service, level} → {@code terms} on {@code service}, then
 *       {@code terms} on {@code level}, {@value #MAX_GROUPS} buckets each (Corral's group cap).
 *   <li>{@code * | stats p95(performance.duration_ms) by service} → {@code terms} on {@code service}
 *       with a {@code percentiles} (95) sub-aggregation (t-digest; Corral's is a quantile sketch).
 *   <li>{@code * | timechart span=1m count()} → {@code date_histogram} with a fixed 1-minute interval.
 * </ul>
 *
 * Event queries fetch the newest {@value #RESULT_LIMIT} events by {@code timestamp} with their
 * {@code _source}, as Corral returns them; aggregations fetch no events. Every body asks for the
 * exact total ({@code track_total_hits}), so {@code hits.total} is the number of matching events,
 * like Corral's {@code total}. A time bound {@code from} becomes a {@code range} filter {@code gte}
 * on {@code timestamp} in OpenSearch date math, which has the same {@code now-15m} syntax.
 * Stateless and thread-safe.
 */
public final class OpenSearchQueries {
  /** Events fetched by an event query: the same page Corral's peer asks for. */
  public static final int RESULT_LIMIT = 100;
  /** Buckets per terms aggregation: Corral's default cap on groups. */
  public static final int MAX_GROUPS = 10_000;
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final List<String> FULL_TEXT_FIELDS = List.of("message", "exception.stacktrace");

  private OpenSearchQueries() {}

  /** The {@code _search} body for a query, or null when it has no OpenSearch equivalent here. */
  public static ObjectNode body(String text, String from) {
    String query = text.strip();
    return switch (query) {
      case "* | stats count() by service, level" -> aggregation(from, "service",
          terms("service").set("aggs", named("level", terms("level"))));
      case "* | stats p95(performance.duration_ms) by service" -> aggregation(from, "service",
          terms("service").set("aggs", named("p95", percentile95("performance.duration_ms"))));
      case "* | timechart span=1m count()" -> aggregation(from, "timechart", dateHistogram("1m"));
      default -> events(filter(query), from);
    };
  }

  /** The filter query of an event query, or null when the text is none of the known shapes. */
  private static ObjectNode filter(String query) {
    if (query.startsWith("trace_id:\"") && query.endsWith("\"") && query.length() > "trace_id:\"\"".length()) {
      return named("term", named("trace_id", JSON.getNodeFactory().textNode(query.substring(10, query.length() - 1))));
    }
    if (query.equals("level:ERROR")) {
      return named("term", named("level", JSON.getNodeFactory().textNode("ERROR")));
    }
    if (query.startsWith("message:/") && query.endsWith("/") && query.length() > "message://".length()) {
      String pattern = query.substring("message:/".length(), query.length() - 1);
      return named("regexp", named("message", JSON.createObjectNode().put("value", pattern)));
    }
    if (query.length() > 2 && query.startsWith("\"") && query.endsWith("\"") && query.indexOf('"', 1) == query.length() - 1) {
      ObjectNode match = JSON.createObjectNode().put("query", query.substring(1, query.length() - 1)).put("type", "phrase");
      ArrayNode fields = match.putArray("fields");
      FULL_TEXT_FIELDS.forEach(fields::add);
      return named("multi_match", match);
    }
    return null;
  }

  private static ObjectNode events(ObjectNode filter, String from) {
    if (filter == null) {
      return null;
    }
    ObjectNode body = JSON.createObjectNode().put("size", RESULT_LIMIT).put("track_total_hits", true);
    body.putArray("sort").add(named("timestamp", JSON.createObjectNode().put("order", "desc")));
    body.set("query", bounded(filter, from));
    return body;
  }

  private static ObjectNode aggregation(String from, String name, ObjectNode aggregation) {
    ObjectNode body = JSON.createObjectNode().put("size", 0).put("track_total_hits", true);
    body.set("query", bounded(named("match_all", JSON.createObjectNode()), from));
    body.set("aggs", named(name, aggregation));
    return body;
  }

  /** The query alone without a time bound; with one, both as filters of a {@code bool}. */
  private static ObjectNode bounded(ObjectNode query, String from) {
    if (from == null) {
      return query;
    }
    ObjectNode range = named("range", named("timestamp", JSON.createObjectNode().put("gte", from)));
    ObjectNode bool = JSON.createObjectNode();
    bool.putArray("filter").add(query).add(range);
    return named("bool", bool);
  }

  private static ObjectNode terms(String field) {
    return named("terms", JSON.createObjectNode().put("field", field).put("size", MAX_GROUPS));
  }

  private static ObjectNode percentile95(String field) {
    ObjectNode percentiles = JSON.createObjectNode().put("field", field);
    percentiles.putArray("percents").add(95);
    return named("percentiles", percentiles);
  }

  private static ObjectNode dateHistogram(String interval) {
    return named("date_histogram", JSON.createObjectNode().put("field", "timestamp").put("fixed_interval", interval));
  }

  private static ObjectNode named(String name, com.fasterxml.jackson.databind.JsonNode value) {
    ObjectNode node = JSON.createObjectNode();
    node.set(name, value);
    return node;
  }
}
