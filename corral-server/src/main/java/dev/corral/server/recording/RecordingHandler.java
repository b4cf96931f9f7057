package dev.corral.server.recording;

import dev.corral.server.http.Handler;
import dev.corral.server.http.HttpError;
import dev.corral.server.http.Json;
import dev.corral.server.http.Request;
import dev.corral.server.http.Response;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * {@code GET /api/v1/recording} (read): {@code {"dir", "loaded_at", "max_series_per_rule", "rules": [{"name",
 * "type", "query", "every", "window", "labels", "help", "file", "last_run", "last_window": {"from", "to"},
 * "last_ms", "last_error", "runs", "failures", "series", "skipped_rows", "dropped_series", "note"}],
 * "refused": [{"file", "error"}]}}; {@code note} says when the series cap dropped series. Refused (403)
 * to a key whose reads are restricted to some services: the rules count every service's events.
 */
final class RecordingHandler implements Handler {
  private final Supplier<Map<String, Object>> directory;
  private final Supplier<LoadedRules> loaded;
  private final Supplier<List<RuleStatus>> statuses;
  private final int maxSeries;

  /** @param directory the directory entries of the answer ({@code dir}, {@code loaded_at}) */
  RecordingHandler(Supplier<Map<String, Object>> directory, Supplier<LoadedRules> loaded,
      Supplier<List<RuleStatus>> statuses, int maxSeries) {
    this.directory = directory;
    this.loaded = loaded;
    this.statuses = statuses;
    this.maxSeries = maxSeries;
  }

  @Override
  public Response handle(Request request) throws HttpError {
    if (request.principal().readRestriction().isPresent()) {
      throw new HttpError(403, "recording rules count the events of every service; key '"
          + request.principal().keyId() + "' may read only " + request.principal().readRestriction().get()
          + " (use a key without a read filter)");
    }
    Map<String, Object> json = new LinkedHashMap<>(directory.get());
    json.put("max_series_per_rule", maxSeries);
    List<Map<String, Object>> rules = new ArrayList<>();
    for (RuleStatus status : statuses.get()) {
      rules.add(rule(status));
    }
    json.put("rules", rules);
    json.put("refused", loaded.get().refused().stream()
        .map(file -> Map.of("file", file.file(), "error", file.error())).toList());
    return Response.json(200, Json.bytes(json));
  }

  private Map<String, Object> rule(RuleStatus status) {
    RecordingRule rule = status.rule();
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("name", rule.name());
    json.put("type", rule.type().wireName());
    json.put("query", rule.query());
    json.put("every", rule.every().toString());
    json.put("window", rule.window().toString());
    json.put("labels", rule.labels());
    json.put("help", rule.help());
    json.put("file", rule.file());
    json.put("last_run", status.lastRun() == null ? null : status.lastRun().toString());
    json.put("last_window", status.lastWindow() == null ? null
        : Map.of("from", status.lastWindow().from().toString(), "to", status.lastWindow().to().toString()));
    json.put("last_ms", status.lastMillis());
    json.put("last_error", status.lastError());
    json.put("runs", status.runs());
    json.put("failures", status.failures());
    json.put("series", status.series().size());
    json.put("skipped_rows", status.skippedRows());
    json.put("dropped_series", status.droppedSeries());
    json.put("note", status.droppedSeries() == 0 ? null : "capped: " + status.droppedSeries() + " series over the "
        + "limit of " + maxSeries + " per rule (recording.max_series_per_rule) were not exported"
        + (rule.type() == MetricType.GAUGE ? "; the highest values were kept" : "; the series seen first were kept"));
    return json;
  }
}
