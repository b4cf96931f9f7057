package dev.corral.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Reads what the alert rules cost from a running Corral server, over its HTTP API only: the rules it loaded
 * ({@code GET /api/v1/alerts/rules}), its evaluation counters ({@code alerts_rules} of {@code GET /api/v1/stats}),
 * the time of every evaluation from its {@code logtype:alert} history events ({@code took_ms}, one event per
 * evaluation), its CPU time from {@code /proc}, and how many events a window holds. Called from one thread.
 */
final class AlertMeter {
  /** The history events of evaluations, one per evaluation ({@code took_ms}, {@code outcome}, {@code rule}). */
  private static final String EVALUATIONS = "logtype:alert event:evaluation";
  private static final String COST_STATS = " | stats count() as evaluations, count(outcome:failed) as failed,"
      + " p50(took_ms) as p50, p95(took_ms) as p95, max(took_ms) as max, avg(took_ms) as mean";
  /** Failed evaluations whose error is read to tell budget hits apart; more would all be budget hits anyway. */
  private static final int FAILED_READ = 1000;
  /** Refresh interval of the store (500 ms) twice: the last history events become searchable. */
  private static final long SETTLE_MILLIS = 1000;
  private static final double NANOS_PER_SECOND = 1e9;

  /** The server's API as the meter needs it. */
  interface Server {
    /** {@code GET path} as JSON; throws on a status other than 200. */
    JsonNode get(String pathAndQuery) throws IOException, InterruptedException;

    /** {@code POST /api/v1/query} over {@code [from, to)}, at most {@code limit} events. */
    JsonNode query(String text, Instant from, Instant to, int limit) throws IOException, InterruptedException;

    /** Waits until no ingested event waits for indexing. */
    void awaitIndexed() throws IOException, InterruptedException;

    /** The server's process id. */
    long pid();
  }

  /** A point in the run: when, the server's CPU seconds, and its evaluation counters. */
  record Mark(long nanos, Instant at, double cpuSeconds, long evaluations, long failed) {}

  /** The rules: names of every file's rule, how many loaded and refused, due evaluations per minute, windows. */
  record Listing(List<String> names, int loaded, int refused, double duePerMinute, List<Duration> windows) {}

  private final Server server;

  AlertMeter(Server server) {
    this.server = server;
  }

  Mark mark() throws IOException, InterruptedException {
    JsonNode rules = server.get("/api/v1/stats").findValue("alerts_rules");
    long evaluations = rules == null ? 0 : rules.path("evaluations").asLong();
    long failed = rules == null ? 0 : rules.path("errors").asLong();
    return new Mark(System.nanoTime(), Instant.now(), ProcessResources.cpuSeconds(server.pid()), evaluations, failed);
  }

  Listing rules() throws IOException, InterruptedException {
    int loaded = 0;
    int refused = 0;
    double due = 0;
    TreeSet<Duration> windows = new TreeSet<>();
    List<String> names = new ArrayList<>();
    for (JsonNode file : server.get("/api/v1/alerts/rules").path("rules")) {
      names.add(file.path("name").asText());
      JsonNode rule = file.path("rule");
      if (!file.path("error").isNull() || !rule.isObject()) {
        refused++;
        continue;
      }
      loaded++;
      if (rule.path("enabled").asBoolean(true)) {
        due += 60.0 / DurationText.parse(rule.path("every").asText()).toMillis() * 1000;
        windows.add(DurationText.parse(rule.path("window").asText()));
      }
    }
    return new Listing(names, loaded, refused, due, List.copyOf(windows));
  }

  /**
   * The evaluations between two marks: the server's counters, its CPU, and from the history (once it is
   * searchable) the time per evaluation of the generated rules together and of each other rule.
   */
  AlertFigures.Phase phase(String name, Mark from, Mark to, int generatedRules) throws IOException, InterruptedException {
    server.awaitIndexed();
    Thread.sleep(SETTLE_MILLIS);
    List<AlertFigures.RuleCost> costs = new ArrayList<>();
    if (generatedRules > 0) {
      for (Map<String, JsonNode> row : rows(server.query(EVALUATIONS + " rule:" + ThresholdRules.NAME_PREFIX + "*"
          + COST_STATS, from.at(), to.at(), 0))) {
        costs.add(cost(generatedRules + " threshold rules", row));
      }
    }
    for (Map<String, JsonNode> row : rows(server.query(EVALUATIONS + " NOT rule:" + ThresholdRules.NAME_PREFIX + "*"
        + COST_STATS + " by rule", from.at(), to.at(), 0))) {
      costs.add(cost(row.get("rule").asText(), row));
    }
    long budgetHits = 0;
    for (JsonNode event : server.query(EVALUATIONS + " outcome:failed", from.at(), to.at(), FAILED_READ)
        .path("events")) {
      if (event.path("message").asText().contains("time budget")) {
        budgetHits++;
      }
    }
    double cpu = from.cpuSeconds() < 0 || to.cpuSeconds() < 0 ? -1 : to.cpuSeconds() - from.cpuSeconds();
    return new AlertFigures.Phase(name, (to.nanos() - from.nanos()) / NANOS_PER_SECOND, cpu,
        Runtime.getRuntime().availableProcessors(), to.evaluations() - from.evaluations(), to.failed() - from.failed(),
        budgetHits, costs);
  }

  /** Events in {@code [at - lag - window, at - lag)} for each window. */
  Map<Duration, Long> eventsPerWindow(List<Duration> windows, Duration lag, Instant at)
      throws IOException, InterruptedException {
    Map<Duration, Long> events = new LinkedHashMap<>();
    if (windows.isEmpty()) {
      return events;
    }
    Instant end = at.minus(lag);
    for (Duration window : windows) {
      List<Map<String, JsonNode>> rows = rows(server.query("* | stats count() as events", end.minus(window), end, 0));
      events.put(window, rows.isEmpty() ? 0 : rows.get(0).get("events").asLong());
    }
    return events;
  }

  private static AlertFigures.RuleCost cost(String rules, Map<String, JsonNode> row) {
    return new AlertFigures.RuleCost(rules, row.get("evaluations").asLong(), row.get("failed").asLong(),
        number(row.get("p50")), number(row.get("p95")), number(row.get("max")), number(row.get("mean")));
  }

  private static double number(JsonNode cell) {
    return cell == null || !cell.isNumber() ? Double.NaN : cell.asDouble();
  }

  /** A table answer's rows as column name → cell; none for an answer without rows. */
  static List<Map<String, JsonNode>> rows(JsonNode table) {
    List<String> columns = new ArrayList<>();
    for (JsonNode column : table.path("columns")) {
      columns.add(column.path("name").asText());
    }
    List<Map<String, JsonNode>> rows = new ArrayList<>();
    for (JsonNode row : table.path("rows")) {
      Map<String, JsonNode> cells = new LinkedHashMap<>();
      for (int c = 0; c < columns.size(); c++) {
        cells.put(columns.get(c), row.get(c));
      }
      rows.add(cells);
    }
    return rows;
  }
}
