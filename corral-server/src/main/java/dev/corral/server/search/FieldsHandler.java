package dev.corral.server.search;

import dev.corral.server.http.Response;
import dev.corral.server.http.Json;
import dev.corral.server.http.Request;
import dev.corral.server.http.Handler;
import dev.corral.model.CanonicalJson;
import dev.corral.query.ast.Query;
import dev.corral.query.plan.QueryPlan;
import dev.corral.server.metrics.QueryKind;
import dev.corral.store.search.QueryResult;
import dev.corral.store.search.StoredEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /api/v1/fields?q=&from=&to=&sample=500&top=5}: the fields of the most recent {@code
 * sample} events the filter matches in the range, each with its type, how many of those events
 * have it and its {@code top} most frequent values — the UI's field sidebar.
 */
public final class FieldsHandler implements Handler {
  static final int DEFAULT_SAMPLE = 500;
  /** Every sampled event is read and parsed: a few thousand stays well under a second. */
  static final int MAX_SAMPLE = 5000;
  static final int DEFAULT_TOP = 5;
  static final int MAX_TOP = 100;

  private final QueryService queries;
  private final int maxKeywordBytes;

  /** @param maxKeywordBytes the store's keyword limit: longer strings are not offered as values */
  public FieldsHandler(QueryService queries, int maxKeywordBytes) {
    this.queries = queries;
    this.maxKeywordBytes = maxKeywordBytes;
  }

  @Override
  public Response handle(Request request) throws Exception {
    long started = System.nanoTime();
    Query filter = QueryFailures.answer(() -> FilterText.parse(request.param("q", "")));
    int sample = request.intParam("sample", DEFAULT_SAMPLE, 1, Math.min(MAX_SAMPLE, queries.maxLimit()));
    int top = request.intParam("top", DEFAULT_TOP, 0, MAX_TOP);
    QueryResult result = QueryFailures.answer(() -> queries.execute(request.principal(), QueryKind.FIELDS,
        QueryPlan.of(filter), request.param("from", null), request.param("to", null), sample, Instant.now()));
    FieldSample fields = new FieldSample(maxKeywordBytes);
    for (StoredEvent event : result.events()) {
      fields.add(CanonicalJson.read(event.source(), 0, event.source().length));
    }
    List<Map<String, Object>> fieldsJson = new ArrayList<>();
    for (FieldSummary field : fields.summaries(top)) {
      Map<String, Object> one = new LinkedHashMap<>();
      one.put("name", field.name());
      one.put("type", field.type());
      one.put("count", field.count());
      one.put("top", valuesJson(field.top()));
      fieldsJson.add(one);
    }
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("sampled", fields.events());
    json.put("total", result.total());
    json.put("top_exact", fields.topIsExact());
    json.put("took_ms", (System.nanoTime() - started) / 1_000_000);
    json.put("fields", fieldsJson);
    return Response.json(200, Json.bytes(json));
  }

  /** {@code [{"value": …, "count": n}, …]}; values keep their JSON type. */
  static List<Map<String, Object>> valuesJson(List<ValueCount> values) {
    List<Map<String, Object>> json = new ArrayList<>(values.size());
    for (ValueCount value : values) {
      Map<String, Object> one = new LinkedHashMap<>();
      one.put("value", value.value());
      one.put("count", value.count());
      json.add(one);
    }
    return json;
  }
}
