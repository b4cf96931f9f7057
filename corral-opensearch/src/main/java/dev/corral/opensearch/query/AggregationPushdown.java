package dev.corral.opensearch.query;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.corral.model.FieldNames;
import dev.corral.opensearch.mapping.EventMappings;
import dev.corral.query.agg.Accumulator;
import dev.corral.query.agg.CountAccumulator;
import dev.corral.query.agg.Group;
import dev.corral.query.agg.GroupKey;
import dev.corral.query.agg.GroupTable;
import dev.corral.query.agg.Grouping;
import dev.corral.query.plan.AggFunction;
import dev.corral.query.plan.Aggregation;
import dev.corral.query.plan.Pipe;
import dev.corral.query.resolve.FieldKind;
import dev.corral.query.resolve.FilterResolver;
import dev.corral.query.resolve.VisibleFields;
import dev.corral.query.table.NumberText;
import java.io.IOException;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Runs the aggregating pipe ({@code stats}, {@code timechart}, {@code top}) in OpenSearch when the pipes
 * before it are none or wheres OpenSearch decides, and it computes only what OpenSearch computes exactly: {@code count()}, {@code
 * count(f)}, {@code sum}, {@code avg}, {@code min}, {@code max}, conditional ones included, by value
 * fields and {@code level}, in time buckets of whole milliseconds. The groups come from a {@code
 * composite} aggregation, paged to the end, whose sources are per by-field its keyword and its numeric
 * twin (a group's value text is the number's canonical text when the event holds a number, else the
 * string, as Corral's {@code GroupKey} says) and, for a timechart, a {@code date_histogram} with the span
 * as {@code fixed_interval} (epoch-aligned, so its buckets are {@code floorDiv(t, span) * span}). Each
 * bucket's metrics are fed into Corral's own accumulators and the table is made by Corral's {@link
 * Grouping#table} (group caps, "other" rows, order), so the answer is the evaluator's, sums and averages
 * within floating-point rounding.
 *
 * <p>{@code count_distinct} and percentiles are Corral's own sketches (HyperLogLog over the canonical
 * value text; KLL, exact up to 200 values), which OpenSearch's ({@code cardinality}: HyperLogLog++ over
 * the keyword text at {@link #PRECISION_THRESHOLD}; {@code percentiles}: TDigest) do not reproduce, so
 * they run in Corral after the fetch while the matching events are within the row bound, and here only
 * beyond it ({@link SketchResults}): an answer within OpenSearch's documented error rather than a refusal.
 * Stateless.
 */
final class AggregationPushdown {
  /** Composite buckets per request: OpenSearch's default {@code search.max_buckets} is 65,535. */
  static final int PAGE_SIZE = 1000;
  private static final Set<AggFunction> EXACT = EnumSet.of(AggFunction.COUNT, AggFunction.SUM, AggFunction.AVG,
      AggFunction.MIN, AggFunction.MAX);
  /** Computed by OpenSearch's sketches, which are not Corral's: pushed down only past the row bound. */
  private static final Set<AggFunction> SKETCHED = EnumSet.of(AggFunction.COUNT_DISTINCT, AggFunction.PERCENTILE);
  /** {@code cardinality}'s most precise setting: counts are near-exact below this many distinct values. */
  static final int PRECISION_THRESHOLD = 40_000;
  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
  private static final long NANOS_PER_MILLI = 1_000_000L;

  private AggregationPushdown() {}

  /**
   * The grouping of an aggregating pipe when OpenSearch can compute it, else null. The event stage before
   * it is the caller's: nothing, or wheres OpenSearch decides ({@link WhereTranslation}).
   *
   * @param pipe the plan's aggregating pipe
   * @param visible the fields the event stage leaves
   * @param sketches whether {@code count_distinct} and percentiles may be computed by OpenSearch's sketches
   * @throws IllegalArgumentException as {@link Grouping#of} (a full-text field grouped or aggregated)
   */
  static Grouping of(Pipe pipe, VisibleFields visible, boolean sketches) {
    Grouping grouping = Grouping.of(pipe, visible);
    for (String field : grouping.by()) {
      FieldKind kind = FieldKind.of(FieldNames.canonical(field));
      if (kind != FieldKind.VALUE && kind != FieldKind.LEVEL) {
        return null;
      }
    }
    for (Aggregation aggregation : grouping.aggregations()) {
      boolean pushed = EXACT.contains(aggregation.function()) || (sketches && SKETCHED.contains(aggregation.function()));
      if (!pushed || (aggregation.field() != null
          && FieldKind.of(FieldNames.canonical(aggregation.field())) == FieldKind.TIMESTAMP)) {
        return null;
      }
    }
    return grouping;
  }

  /** Whether the grouping computes {@code count_distinct} or a percentile. */
  static boolean sketched(Grouping grouping) {
    return grouping.aggregations().stream().anyMatch(a -> SKETCHED.contains(a.function()));
  }

  /** Whether OpenSearch's {@code date_histogram} makes the span's buckets: a whole number of milliseconds. */
  static boolean bucketsInMillis(long spanNanos) {
    return spanNanos % NANOS_PER_MILLI == 0;
  }

  /**
   * The groups of the events {@code query} matches (their span already chosen for a timechart).
   *
   * @param query the filter and time window, as the DSL
   * @param maxMemoryBytes the request's bound on aggregation state
   */
  static PushedGroups groups(Grouping grouping, ObjectNode query, Instant now, ClusterSearch cluster,
      Deadline deadline, long maxMemoryBytes) throws IOException {
    GroupTable table = new GroupTable(grouping.aggregations(), maxMemoryBytes, 0);
    SketchResults sketches = new SketchResults(grouping.aggregations());
    ArrayNode sources = sources(grouping);
    ObjectNode metrics = metrics(grouping, now);
    JsonNode after = null;
    do {
      ObjectNode body = JSON.objectNode();
      body.set("query", query);
      body.put("size", 0);
      body.put("track_total_hits", true);
      ObjectNode aggs = body.putObject("aggs");
      if (sources.isEmpty()) {
        aggs.setAll(metrics);
        JsonNode answer = cluster.tree(body, deadline);
        long total = answer.path("hits").path("total").path("value").asLong();
        table.countDocuments(total);
        if (total > 0) {
          feed(GroupKey.of(0), table, sketches, grouping, answer.path("aggregations"), total);
        }
        return new PushedGroups(table, sketches);
      }
      ObjectNode composite = aggs.putObject("groups");
      ObjectNode spec = composite.putObject("composite").put("size", PAGE_SIZE);
      spec.set("sources", sources);
      if (after != null) {
        spec.set("after", after);
      }
      composite.set("aggs", metrics);
      JsonNode answer = cluster.tree(body, deadline);
      if (after == null) {
        table.countDocuments(answer.path("hits").path("total").path("value").asLong());
      }
      JsonNode groups = answer.path("aggregations").path("groups");
      for (JsonNode bucket : groups.path("buckets")) {
        GroupKey key = key(grouping, bucket.path("key"));
        if (key != null) {
          feed(key, table, sketches, grouping, bucket, bucket.path("doc_count").asLong());
        }
      }
      after = groups.get("after_key");
    } while (after != null && !after.isNull());
    return new PushedGroups(table, sketches);
  }

  private static ArrayNode sources(Grouping grouping) {
    ArrayNode sources = JSON.arrayNode();
    if (grouping.spanNanos() > 0) {
      sources.add(source("bucket", "date_histogram", JSON.objectNode().put("field", FieldNames.TIMESTAMP)
          .put("fixed_interval", grouping.spanNanos() / NANOS_PER_MILLI + "ms")));
    }
    List<String> by = grouping.by();
    for (int i = 0; i < by.size(); i++) {
      String field = FieldNames.canonical(by.get(i));
      sources.add(source("s" + i, "terms", JSON.objectNode().put("field", field).put("missing_bucket", true)));
      if (FieldKind.of(field) == FieldKind.VALUE) {
        sources.add(source("n" + i, "terms", JSON.objectNode().put("field", EventMappings.number(field))
            .put("missing_bucket", true)));
      }
    }
    return sources;
  }

  private static ObjectNode source(String name, String kind, JsonNode spec) {
    ObjectNode source = JSON.objectNode();
    source.set(name, FilterTranslation.leaf(kind, spec));
    return source;
  }

  /**
   * Per aggregation {@code a<i>}: {@code value_count} on the keyword for {@code count(f)}, {@code stats} on
   * the numeric twin for the others, nothing for {@code count()} (the bucket's count); under a {@code
   * filter} for a conditional one.
   */
  private static ObjectNode metrics(Grouping grouping, Instant now) {
    ObjectNode metrics = JSON.objectNode();
    List<Aggregation> aggregations = grouping.aggregations();
    for (int a = 0; a < aggregations.size(); a++) {
      Aggregation aggregation = aggregations.get(a);
      ObjectNode metric = metric(aggregation);
      if (aggregation.filter() != null) {
        ObjectNode filtered = FilterTranslation.leaf("filter",
            FilterTranslation.translate(FilterResolver.resolve(aggregation.filter(), now)));
        if (metric != null) {
          filtered.putObject("aggs").set("v", metric);
        }
        metrics.set("a" + a, filtered);
      } else if (metric != null) {
        metrics.set("a" + a, metric);
      }
    }
    return metrics;
  }

  private static ObjectNode metric(Aggregation aggregation) {
    if (aggregation.field() == null) {
      return null;
    }
    String field = FieldNames.canonical(aggregation.field());
    switch (aggregation.function()) {
      case COUNT -> {
        return FilterTranslation.leaf("value_count", JSON.objectNode().put("field", field));
      }
      case COUNT_DISTINCT -> {
        return FilterTranslation.leaf("cardinality", JSON.objectNode().put("field", field)
            .put("precision_threshold", PRECISION_THRESHOLD));
      }
      case PERCENTILE -> {
        ObjectNode percentiles = JSON.objectNode().put("field", EventMappings.number(field)).put("keyed", false);
        percentiles.putArray("percents").add(aggregation.quantile() * 100);
        return FilterTranslation.leaf("percentiles", percentiles);
      }
      default -> { }
    }
    // level has no twin: its stats are empty, as a string field's are in Corral
    return FilterTranslation.leaf("stats", JSON.objectNode().put("field", EventMappings.number(field)));
  }

  /** The group of a composite key: its bucket in ns and each by-field's value text; null to skip it ({@code top}). */
  private static GroupKey key(Grouping grouping, JsonNode key) {
    long bucket = grouping.spanNanos() > 0 ? key.path("bucket").asLong() * NANOS_PER_MILLI : 0;
    String[] values = new String[grouping.by().size()];
    for (int i = 0; i < values.length; i++) {
      JsonNode number = key.path("n" + i);
      JsonNode text = key.path("s" + i);
      values[i] = number.isNumber() ? NumberText.of(number.asDouble()) : text.isTextual() ? text.asText() : null;
      if (values[i] == null && grouping.skipMissingBy()) {
        return null;
      }
    }
    return GroupKey.of(bucket, values);
  }

  /**
   * Feeds one bucket's metrics into the group's accumulators, as the events of the bucket would; a
   * sketch's value goes to {@code sketches} instead.
   */
  private static void feed(GroupKey key, GroupTable table, SketchResults sketches, Grouping grouping, JsonNode bucket,
      long events) {
    Group group = table.group(key);
    group.countEvents(events);
    List<Aggregation> aggregations = grouping.aggregations();
    for (int a = 0; a < aggregations.size(); a++) {
      Aggregation aggregation = aggregations.get(a);
      JsonNode metric = bucket.path("a" + a);
      long count = events;
      if (aggregation.filter() != null) {
        count = metric.path("doc_count").asLong();
        metric = metric.path("v");
      }
      Accumulator accumulator = group.accumulator(a);
      if (aggregation.field() == null) {
        ((CountAccumulator) accumulator).addEvents(count);
      } else if (aggregation.function() == AggFunction.COUNT) {
        feedCount(accumulator, metric.path("value").asLong());
      } else if (SKETCHED.contains(aggregation.function())) {
        sketches.add(key, a, metric, count);
      } else {
        feedNumbers(accumulator, aggregation.function(), metric);
      }
    }
  }

  /** {@code count(f)} counts each value it is fed. */
  private static void feedCount(Accumulator accumulator, long values) {
    for (long i = 0; i < values; i++) {
      accumulator.addText("");
    }
  }

  /**
   * The numbers' {@code stats} as the accumulator needs them: the sum (or min, max) as one value; for
   * {@code avg}, the sum then zeros up to the count, which leaves the compensated sum exact and the count
   * right.
   */
  private static void feedNumbers(Accumulator accumulator, AggFunction function, JsonNode stats) {
    long count = stats.path("count").asLong();
    if (count == 0) {
      return;
    }
    switch (function) {
      case SUM -> accumulator.addNumber(stats.path("sum").asDouble());
      case MIN -> accumulator.addNumber(stats.path("min").asDouble());
      case MAX -> accumulator.addNumber(stats.path("max").asDouble());
      case AVG -> {
        accumulator.addNumber(stats.path("sum").asDouble());
        for (long i = 1; i < count; i++) {
          accumulator.addNumber(0.0);
        }
      }
      default -> throw new IllegalStateException("BUG: " + function + " is not pushed down");
    }
  }
}
