package dev.corral.server.alerts.rules;

import dev.corral.query.table.Table;
import dev.corral.server.alerts.Observation;
import dev.corral.server.search.QueryBusyException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Cross-service trace rules: the rule's query is a filter for errors (e.g. {@code level:ERROR}).
 * Step 1 counts, per trace id ({@code settings.trace_field}), the distinct services and the events
 * the filter matches in the window; ids with errors in more than {@code settings.min_services}
 * services satisfy the rule. Step 2 names the services of the worst {@code settings.max_traces} of
 * them (most services, then most errors). One observation (no group) carries them: its value is how
 * many traces satisfied the rule; details {@code traces: [{trace_id, services, errors}]}, {@code
 * worst_trace} and {@code trace_count}. No satisfying trace, no observation. The overall value is the
 * most services any one trace had errors in.
 */
final class TraceEvaluator implements KindEvaluator {
  /** The service field every event carries (normalized). */
  private static final String SERVICE = "service";

  private final RuleQueries queries;

  TraceEvaluator(RuleQueries queries) {
    this.queries = queries;
  }

  /** One satisfying trace, as counted in step 1. */
  private record Trace(String id, long services, long errors) {}

  @Override
  public Outcome evaluate(CompiledRule rule, Window window, Budget budget) throws IOException, QueryBusyException {
    TraceSettings settings = rule.settings(TraceSettings.class);
    String field = settings.traceField();
    Table perTrace = queries.run(rule.rule().query() + " | stats count_distinct(" + SERVICE + ") as services, count()"
        + " as errors by " + field, window, budget).table();
    List<Trace> satisfying = new ArrayList<>();
    double most = Double.NaN;
    for (List<Object> row : perTrace.rows()) {
      Object id = row.get(perTrace.columnIndex(field));
      long services = (long) TableRows.number(row, perTrace.columnIndex("services"));
      if (id == null || id.toString().isEmpty() || Table.OTHER.equals(id)) {
        continue;
      }
      most = Double.isNaN(most) ? services : Math.max(most, services);
      if (services > settings.minServices()) {
        satisfying.add(new Trace(id.toString(), services,
            (long) TableRows.number(row, perTrace.columnIndex("errors"))));
      }
    }
    if (satisfying.isEmpty()) {
      return new Outcome(List.of(), perTrace.rows().size(), most);
    }
    satisfying.sort(Comparator.comparingLong(Trace::services).thenComparingLong(Trace::errors).reversed()
        .thenComparing(Trace::id));
    List<Trace> named = satisfying.subList(0, Math.min(settings.maxTraces(), satisfying.size()));
    Map<String, TreeSet<String>> servicesOf = services(rule, field, named, window, budget);
    List<Map<String, Object>> traces = new ArrayList<>();
    for (Trace trace : named) {
      Map<String, Object> json = new LinkedHashMap<>();
      json.put("trace_id", trace.id());
      json.put("services", List.copyOf(servicesOf.getOrDefault(trace.id(), new TreeSet<>())));
      json.put("errors", trace.errors());
      traces.add(json);
    }
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("trace_field", field);
    details.put("trace_count", satisfying.size());
    details.put("worst_trace", named.get(0).id());
    details.put("traces", traces);
    return new Outcome(List.of(new Observation(Map.of(), satisfying.size(), details)), perTrace.rows().size(), most);
  }

  /** Step 2: the services each of {@code traces} has errors in. */
  private Map<String, TreeSet<String>> services(CompiledRule rule, String field, List<Trace> traces, Window window,
      Budget budget) throws IOException, QueryBusyException {
    StringBuilder ids = new StringBuilder();
    for (Trace trace : traces) {
      ids.append(ids.isEmpty() ? "" : " OR ").append(field).append(":\"")
          .append(trace.id().replace("\\", "\\\\").replace("\"", "\\\"")).append('"');
    }
    Table perService = queries.run("(" + rule.rule().query() + ") AND (" + ids + ") | stats count() as errors by "
        + field + ", " + SERVICE, window, budget).table();
    Map<String, TreeSet<String>> servicesOf = new LinkedHashMap<>();
    int idColumn = perService.columnIndex(field);
    int serviceColumn = perService.columnIndex(SERVICE);
    for (List<Object> row : perService.rows()) {
      if (row.get(idColumn) != null && row.get(serviceColumn) != null) {
        servicesOf.computeIfAbsent(row.get(idColumn).toString(), id -> new TreeSet<>()).add(row.get(serviceColumn)
            .toString());
      }
    }
    return servicesOf;
  }
}
