package dev.corral.bench.micro;

import dev.corral.query.QueryParser;
import dev.corral.query.ast.Query;
import dev.corral.query.plan.QueryPlan;
import dev.corral.query.plan.QueryPlanParser;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/**
 * Parsing the queries people type: the cookbook of docs/query-language.md, round robin, as a whole
 * plan ({@link QueryPlanParser}: filter and pipes) and as the filter alone ({@link QueryParser},
 * stopping at the first pipe). One operation is one query.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class QueryParseBenchmark {
  /** A trace id of the form the fleet writes, for the queries that look one up. */
  private static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";

  /** The cookbook of docs/query-language.md, with {@code <id>} filled in. */
  static final List<String> COOKBOOK = List.of(
      "level:ERROR | stats count() by service | sort -count()",
      "trace_id:" + TRACE_ID + " OR request_id:" + TRACE_ID + " | sort timestamp",
      "logtype:access | stats count(), p95(http.response_time_ms) as p95 by http.uri | sort -p95 | head 10",
      "level:(ERROR OR FATAL) | timechart span=1m count() by service",
      "* | timechart span=1m count() by service",
      "performance.duration_ms:* | stats p95(performance.duration_ms) by service",
      "trace_id:" + TRACE_ID + " | stats count(), min(timestamp), max(timestamp) by service",
      "level:ERROR trace_id:* | stats count_distinct(service) as services by trace_id | sort -services | head 10",
      "exception.type:* | top 10 exception.type",
      "http.status_code:[500 TO 599] AND NOT service:api-gateway",
      "service:payment-gateway AND \"card declined\"");

  private final String[] queries = COOKBOOK.toArray(new String[0]);
  private int next;

  @Benchmark
  public QueryPlan parsePlan() {
    return QueryPlanParser.parse(nextQuery());
  }

  @Benchmark
  public Query parseFilter() {
    return QueryParser.parseFilter(nextQuery()).query();
  }

  private String nextQuery() {
    String query = queries[next];
    next = next + 1 == queries.length ? 0 : next + 1;
    return query;
  }
}
