package dev.corral.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Writes {@link BenchResults} as one JSON document, raw numbers only (no batch file list): the
 * first peer at the top level as before, every further peer under {@code peers}.
 */
public final class JsonReport {
  private static final ObjectMapper JSON = new ObjectMapper();

  private JsonReport() {}

  public static void write(List<BenchResults> results, Path file) throws IOException {
    ObjectNode root = peer(results.get(0));
    var peers = root.putArray("peers");
    for (BenchResults r : results.subList(1, results.size())) {
      peers.add(peer(r));
    }
    JSON.writerWithDefaultPrettyPrinter().writeValue(file.toFile(), root);
  }

  private static ObjectNode peer(BenchResults r) {
    ObjectNode root = JSON.createObjectNode();
    root.put("peer", r.peer());
    root.set("machine", JSON.valueToTree(r.machine()));
    ObjectNode dataset = root.putObject("dataset");
    dataset.put("name", r.dataset().name());
    dataset.put("events", r.dataset().events());
    dataset.put("raw_bytes", r.dataset().rawBytes());
    dataset.put("batches", r.dataset().batches().size());
    IngestFigures in = r.ingest();
    ObjectNode ingest = root.putObject("ingest");
    ingest.put("durable_events_per_s", in.durableEventsPerSecond());
    ingest.put("durable_mib_per_s", in.durableMegabytesPerSecond());
    ingest.put("indexed_events_per_s", in.indexedEventsPerSecond());
    ingest.put("ack_to_searchable_s", in.ackToSearchableSeconds());
    ingest.put("measured_events", in.measuredEvents());
    ingest.put("measured_seconds", in.measuredSeconds());
    ingest.put("total_seconds", in.totalSeconds());
    ingest.put("rejected", in.rejected());
    root.set("footprint", JSON.valueToTree(r.footprint()));
    root.put("warm_index_bytes", r.warmIndexBytes());
    timings(root.putArray("queries"), r.queries());
    timings(root.putArray("warm_queries"), r.warmQueries());
    timings(root.putArray("cold_queries"), r.coldQueries());
    if (r.alerting() != null) {
      alerting(root.putObject("alerting"), r.alerting());
    }
    if (r.mixed() != null) {
      mixed(root.putObject("mixed"), r.mixed());
    }
    return root;
  }

  /** The mixed phase: the paced ingest and the queries during it (each query's runs are its wall samples). */
  private static void mixed(ObjectNode json, MixedFigures m) {
    json.put("rate_percent", m.ratePercent());
    number(json, "alone_events_per_s", m.aloneEventsPerSecond());
    number(json, "target_events_per_s", m.targetEventsPerSecond());
    number(json, "achieved_events_per_s", m.achievedEventsPerSecond());
    json.put("events", m.events());
    json.put("rejected", m.rejected());
    number(json, "seconds", m.seconds());
    timings(json.putArray("queries"), m.queries());
  }

  /** The Alerting section's figures; durations in seconds, times in milliseconds. */
  private static void alerting(ObjectNode json, AlertFigures a) {
    json.put("threshold_rules", a.thresholdRules());
    json.put("seed_rule_files", a.seedRules());
    json.put("rules_loaded", a.rulesLoaded());
    json.put("rules_refused", a.rulesRefused());
    number(json, "due_per_minute", a.duePerMinute());
    if (a.lag() != null) {
      json.put("lag_s", a.lag().toSeconds());
    } else {
      json.putNull("lag_s");
    }
    phase(json.putObject("ingest"), a.ingest());
    if (a.soak() != null) {
      phase(json.putObject("soak"), a.soak());
    }
    ArrayNode windows = json.putArray("events_per_window");
    for (AlertFigures.WindowEvents w : a.windows()) {
      windows.addObject().put("window_s", w.window().toSeconds()).put("at_start", w.atStart()).put("at_end", w.atEnd());
    }
  }

  private static void phase(ObjectNode json, AlertFigures.Phase p) {
    number(json, "wall_s", p.wallSeconds());
    number(json, "cpu_s", p.cpuSeconds());
    number(json, "cpu_share_of_one_core", p.cpuShareOfOneCore());
    number(json, "cpu_share_of_all_cores", p.cpuShareOfAllCores());
    json.put("processors", p.processors());
    json.put("evaluations", p.evaluations());
    number(json, "evaluations_per_minute", p.evaluationsPerMinute());
    json.put("failed", p.failed());
    json.put("budget_hits", p.budgetHits());
    number(json, "evaluation_threads_busy", p.evaluationThreadsBusy());
    ArrayNode costs = json.putArray("evaluation_ms");
    for (AlertFigures.RuleCost c : p.costs()) {
      ObjectNode cost = costs.addObject().put("rules", c.rules()).put("evaluations", c.evaluations())
          .put("failed", c.failed());
      number(cost, "p50", c.p50Millis());
      number(cost, "p95", c.p95Millis());
      number(cost, "max", c.maxMillis());
      number(cost, "mean", c.meanMillis());
    }
  }

  /** A figure, or null when it is not a number (JSON has no NaN). */
  private static void number(ObjectNode json, String key, double value) {
    if (Double.isFinite(value)) {
      json.put(key, value);
    } else {
      json.putNull(key);
    }
  }

  private static void timings(ArrayNode queries, List<QueryBenchmark.Timing> timings) {
    for (QueryBenchmark.Timing t : timings) {
      ObjectNode q = queries.addObject();
      q.put("name", t.query().name());
      q.put("example", t.query().text(0));
      q.put("from", t.query().from());
      q.set("server_ms", JSON.valueToTree(t.server()));
      q.set("wall_ms", JSON.valueToTree(t.wall()));
      q.put("total", t.total());
    }
  }
}
