package dev.corral.store;

import static dev.corral.store.StoreTesting.ids;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.corral.query.ast.MatchAll;
import dev.corral.query.ast.Or;
import dev.corral.query.ast.Query;
import dev.corral.query.ast.Term;
import dev.corral.query.plan.AggFunction;
import dev.corral.query.plan.Aggregation;
import dev.corral.query.plan.Pipe;
import dev.corral.query.plan.QueryPlan;
import dev.corral.query.plan.SortKey;
import dev.corral.query.plan.SortPipe;
import dev.corral.query.plan.StatsPipe;
import dev.corral.store.search.QueryLimits;
import dev.corral.store.search.QueryRequest;
import dev.corral.store.search.QueryResult;
import dev.corral.store.search.QueryTimeoutException;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Cancellation by timeout, and a trace-shaped lookup (exact ids, oldest first), over the {@link QueryCorpus}. */
class TestQueryTimeoutAndTrace {
  @TempDir static Path dir;
  static LogStore store;

  @BeforeAll
  static void index() throws Exception {
    store = QueryCorpus.open(dir);
  }

  @AfterAll
  static void close() throws IOException {
    store.close();
  }

  private static QueryRequest withTimeout(Duration timeout, List<Pipe> pipes) {
    return new QueryRequest(new QueryPlan(new MatchAll(), pipes), Long.MIN_VALUE, Long.MAX_VALUE, 10,
        StoreTesting.NOW, timeout, QueryLimits.DEFAULTS);
  }

  /**
   * Events whose {@code trace_id} or {@code request_id} is {@code id}, oldest first: the shape of the
   * server's trace view plan.
   */
  private static QueryResult trace(String id, int limit, Duration timeout) throws IOException {
    Query filter = new Or(List.of(new Term("trace_id", id), new Term("request_id", id)));
    QueryPlan plan = new QueryPlan(filter, List.of(new SortPipe(List.of(new SortKey("timestamp", false)))));
    return store.searcher().query(new QueryRequest(plan, Long.MIN_VALUE, Long.MAX_VALUE, limit, StoreTesting.NOW, timeout,
        QueryLimits.DEFAULTS));
  }

  @Test
  void anExpiredDeadlineThrowsInsteadOfReturningPartialResults() {
    List<Pipe> stats = List.of(new StatsPipe(List.of(new Aggregation(AggFunction.COUNT, null, Double.NaN, "c")),
        List.of()));
    for (Duration timeout : List.of(Duration.ZERO, Duration.ofNanos(1))) {
      assertThatThrownBy(() -> store.searcher().query(withTimeout(timeout, List.of())))
          .isInstanceOf(QueryTimeoutException.class).hasMessageContaining("cancelled");
      assertThatThrownBy(() -> store.searcher().query(withTimeout(timeout, stats)))
          .isInstanceOf(QueryTimeoutException.class);
      assertThatThrownBy(() -> trace("t1", 10, timeout))
          .isInstanceOf(QueryTimeoutException.class);
    }
  }

  @Test
  void traceFindsTraceAndRequestIdsAcrossPartitionsOldestFirst() throws IOException {
    QueryResult result = trace("t1", 100, Duration.ofMinutes(1));
    assertThat(ids(result)).containsExactly("e6", "e1", "e3");
    assertThat(result.total()).isEqualTo(3);
    QueryResult limited = trace("t1", 2, Duration.ofMinutes(1));
    assertThat(ids(limited)).containsExactly("e6", "e1");
    assertThat(limited.total()).isEqualTo(3);
    assertThat(ids(trace("nope", 100, Duration.ofMinutes(1)))).isEmpty();
  }

  @Test
  void requestLimitsAreChecked() {
    assertThatThrownBy(() -> new QueryRequest(QueryPlan.of(new MatchAll()), 0, 1, QueryRequest.MAX_LIMIT + 1,
        StoreTesting.NOW, Duration.ofSeconds(1), QueryLimits.DEFAULTS))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("10001").hasMessageContaining("10000");
  }
}
