package dev.corral.server.recording;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.corral.query.QuerySyntaxException;
import dev.corral.server.config.DurationText;
import dev.corral.query.TimeExpression;
import dev.corral.query.plan.QueryPlan;
import dev.corral.query.plan.QueryPlanParser;
import dev.corral.query.plan.StatsPipe;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads one recording rule file (YAML):
 * <pre>
 * name: corral_log_errors_total        # required: a Prometheus metric name
 * query: "level:ERROR | stats count() by service"   # required: its aggregation is stats
 * type: counter                        # gauge (default) or counter
 * every: 30s                           # required, at least 1s
 * window: 5m                           # gauge: how far back (default: every); counter: the first run's look-back
 * value: errors                        # the column holding the value; needed when stats gives several
 * help: ERROR events by service        # the HELP line (default: the query)
 * </pre>
 * Any other key is refused (a typo must not be silently ignored). Stateless and thread-safe.
 */
final class RuleReader {
  /** Legacy Prometheus metric names: every scraper and PromQL reads them without quoting. */
  private static final Pattern METRIC_NAME = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
  /** Longest metric name: far beyond any readable one, short enough for every exposition line. */
  static final int MAX_NAME_LENGTH = 200;
  /** The scheduler checks once a second which rules are due: a shorter interval cannot be kept. */
  static final Duration MIN_EVERY = Duration.ofSeconds(1);
  /** A day: a rarer evaluation is a report, not a metric a scraper graphs. */
  static final Duration MAX_EVERY = Duration.ofDays(1);
  /** A week: a longer window reads that many daily partitions at every evaluation. */
  static final Duration MAX_WINDOW = Duration.ofDays(7);
  /** Suffixes Prometheus gives the series of counters, histograms, summaries and info metrics. */
  private static final List<String> RESERVED_SUFFIXES = List.of("_total", "_count", "_sum", "_bucket", "_created",
      "_info");
  private static final Set<String> KEYS = Set.of("name", "query", "type", "every", "window", "value", "help");
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  private RuleReader() {}

  /**
   * The rule {@code text} defines.
   *
   * @param file the file's name, named in every error
   * @throws InvalidRecordingRuleException naming the file, the field and the problem
   */
  static RecordingRule read(String file, String text) throws InvalidRecordingRuleException {
    JsonNode root;
    try {
      root = YAML.readTree(text);
    } catch (JacksonException e) {
      String where = e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr();
      throw new InvalidRecordingRuleException(file, "", "not valid YAML" + where + ": " + e.getOriginalMessage());
    }
    if (root == null || !root.isObject()) {
      throw new InvalidRecordingRuleException(file, "", "must be a YAML mapping with name, query and every");
    }
    for (Iterator<String> keys = root.fieldNames(); keys.hasNext(); ) {
      String key = keys.next();
      if (!KEYS.contains(key)) {
        throw new InvalidRecordingRuleException(file, key, "unknown key; a rule has " + new java.util.TreeSet<>(KEYS));
      }
    }
    MetricType type = type(file, text(root, file, "type", "gauge"));
    String name = name(file, required(root, file, "name"), type);
    String query = required(root, file, "query");
    QueryPlan plan = plan(file, query);
    StatsPipe stats = (StatsPipe) plan.pipes().get(plan.aggregationIndex());
    List<String> labels = labels(file, stats.by());
    Duration every = duration(file, "every", required(root, file, "every"), MIN_EVERY, MAX_EVERY);
    String windowText = text(root, file, "window", "");
    Duration window = windowText.isEmpty() ? every : duration(file, "window", windowText, Duration.ofMillis(1), MAX_WINDOW);
    return new RecordingRule(name, query, plan, labels, stats.by(), text(root, file, "value", ""), every, window, type,
        text(root, file, "help", "Recorded by Corral from: " + query), file);
  }

  /** The {@code name} a rule file's text gives, or null when it gives none (the text need not be a valid rule). */
  static String nameIn(String text) {
    try {
      JsonNode root = YAML.readTree(text);
      JsonNode name = root == null ? null : root.get("name");
      return name != null && name.isValueNode() ? name.asText().strip() : null;
    } catch (JacksonException e) {
      return null;
    }
  }

  private static String required(JsonNode root, String file, String key) throws InvalidRecordingRuleException {
    String value = text(root, file, key, "");
    if (value.isBlank()) {
      throw new InvalidRecordingRuleException(file, key, "is required");
    }
    return value;
  }

  private static String text(JsonNode root, String file, String key, String fallback)
      throws InvalidRecordingRuleException {
    JsonNode node = root.get(key);
    if (node == null || node.isNull()) {
      return fallback;
    }
    if (!node.isValueNode()) {
      throw new InvalidRecordingRuleException(file, key, "must be a single value, not " + node.getNodeType());
    }
    return node.asText().strip();
  }

  private static MetricType type(String file, String text) throws InvalidRecordingRuleException {
    for (MetricType type : MetricType.values()) {
      if (type.wireName().equals(text.toLowerCase(Locale.ROOT))) {
        return type;
      }
    }
    throw new InvalidRecordingRuleException(file, "type", "'" + text + "' is not gauge or counter");
  }

  /**
   * A legacy Prometheus metric name, at most {@value #MAX_NAME_LENGTH} characters, outside the server's own
   * {@code corral_} names (except {@code corral_log_…}) and {@code __…}; a counter's ends in {@code _total}, a
   * gauge's in none of the suffixes other types' series carry.
   */
  static String name(String file, String name, MetricType type) throws InvalidRecordingRuleException {
    if (name.length() > MAX_NAME_LENGTH) {
      throw new InvalidRecordingRuleException(file, "name", "is " + name.length() + " characters, over the limit of "
          + MAX_NAME_LENGTH);
    }
    if (!METRIC_NAME.matcher(name).matches()) {
      throw new InvalidRecordingRuleException(file, "name", "'" + name + "' is not a Prometheus metric name "
          + "([a-zA-Z_:][a-zA-Z0-9_:]*), e.g. corral_log_errors_total");
    }
    if (name.startsWith("__") || (name.startsWith("corral_") && !name.startsWith("corral_log_"))) {
      throw new InvalidRecordingRuleException(file, "name", "'" + name + "' is reserved: names starting with __ "
          + "are Prometheus's and corral_ ones the server's own, except corral_log_...");
    }
    if (type == MetricType.COUNTER && !name.endsWith("_total")) {
      throw new InvalidRecordingRuleException(file, "name", "'" + name + "' is a counter: its name must end in _total");
    }
    if (type == MetricType.GAUGE) {
      for (String suffix : RESERVED_SUFFIXES) {
        if (name.endsWith(suffix)) {
          throw new InvalidRecordingRuleException(file, "name", "'" + name + "' is a gauge: its name must not end in "
              + suffix + " (Prometheus gives that suffix to other types' series; use type: counter for a _total)");
        }
      }
    }
    return name;
  }

  private static QueryPlan plan(String file, String query) throws InvalidRecordingRuleException {
    QueryPlan plan;
    try {
      plan = QueryPlanParser.parse(query);
    } catch (QuerySyntaxException e) {
      throw new InvalidRecordingRuleException(file, "query", e.reason() + " at position " + e.position() + "\n"
          + e.caret());
    } catch (IllegalArgumentException e) {
      throw new InvalidRecordingRuleException(file, "query", e.getMessage());
    }
    int aggregation = plan.aggregationIndex();
    if (aggregation < 0 || !(plan.pipes().get(aggregation) instanceof StatsPipe)) {
      throw new InvalidRecordingRuleException(file, "query", "'" + query + "' must aggregate with stats, e.g. "
          + "level:ERROR | stats count() by service");
    }
    return plan;
  }

  /** The label names of the {@code by} columns: other characters than letters, digits and _ become _. */
  private static List<String> labels(String file, List<String> by) throws InvalidRecordingRuleException {
    List<String> labels = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (String column : by) {
      String label = column.replaceAll("[^a-zA-Z0-9_]", "_");
      if (!label.isEmpty() && Character.isDigit(label.charAt(0))) {
        label = "_" + label;
      }
      if (label.startsWith("__")) {
        throw new InvalidRecordingRuleException(file, "query", "by column '" + column + "' would be the label '"
            + label + "'; label names starting with __ are Prometheus's");
      }
      if (!seen.add(label)) {
        throw new InvalidRecordingRuleException(file, "query", "two by columns would both be the label '" + label
            + "'");
      }
      labels.add(label);
    }
    return labels;
  }

  private static Duration duration(String file, String field, String text, Duration min, Duration max)
      throws InvalidRecordingRuleException {
    Duration value;
    try {
      value = TimeExpression.parseDuration(text);
    } catch (IllegalArgumentException e) {
      throw new InvalidRecordingRuleException(file, field, "'" + text + "' is not a duration such as 30s or 5m: "
          + e.getMessage());
    }
    if (value.compareTo(min) < 0 || value.compareTo(max) > 0) {
      throw new InvalidRecordingRuleException(file, field, "'" + text + "' is outside " + DurationText.format(min)
          + ".." + DurationText.format(max));
    }
    return value;
  }
}
