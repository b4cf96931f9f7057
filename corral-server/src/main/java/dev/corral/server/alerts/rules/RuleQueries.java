package dev.corral.server.alerts.rules;

import dev.corral.query.plan.QueryPlan;
import dev.corral.query.plan.QueryPlanParser;
import dev.corral.server.auth.Principal;
import dev.corral.server.auth.Scope;
import dev.corral.server.metrics.QueryKind;
import dev.corral.server.search.BackgroundLane;
import dev.corral.server.search.QueryBusyException;
import dev.corral.server.search.QueryService;
import dev.corral.store.search.QueryResult;
import java.io.IOException;
import java.time.Instant;
import java.util.function.Supplier;

/**
 * Runs the rules' queries: as {@link #SYSTEM} (unrestricted: a rule sees every event), in the alerts'
 * own query lane ({@code corral-query-alerts-N}, {@code alerts.max_concurrent} threads) so that
 * interactive queries never wait behind them, each within what is left of the evaluation's budget.
 * Thread-safe.
 */
final class RuleQueries implements AutoCloseable {
  /** Who rule evaluations act as: the server itself, reading everything; not a key, so it cannot log in. */
  static final Principal SYSTEM = new Principal("alerts", "alert rules", Scope.ADMIN, null);
  /** Rules read tables and totals, never events: a plan yielding events returns only its total. */
  private static final int NO_EVENTS = 0;

  private final Supplier<QueryService> queries;
  private final BackgroundLane lane;

  RuleQueries(Supplier<QueryService> queries, int threads) {
    this.queries = queries;
    this.lane = new BackgroundLane("alerts", threads, "alerts.max_concurrent");
  }

  /** Runs {@code plan} over {@code [window.from, window.to)}; a plan yielding events returns none, only its total. */
  QueryResult run(QueryPlan plan, Window window, Budget budget) throws IOException, QueryBusyException {
    long from = Nanos.of(window.from());
    long to = Nanos.of(window.to()) - 1;
    if (to < from) {
      to = from;
    }
    return queries.get().execute(lane, QueryKind.ALERT, SYSTEM, plan, from, to, NO_EVENTS, window.at(),
        budget.remaining());
  }

  /** Runs the query text (built by an evaluator from the rule's filter) like {@link #run(QueryPlan, Window, Budget)}. */
  QueryResult run(String text, Window window, Budget budget) throws IOException, QueryBusyException {
    return run(QueryPlanParser.parse(text), window, budget);
  }

  /** What the lane holds now. */
  dev.corral.server.search.QueryLoad load() {
    return lane.load();
  }

  @Override
  public void close() {
    lane.close();
  }

  /** Instants as the store's epoch nanoseconds. */
  static final class Nanos {
    private Nanos() {}

    static long of(Instant instant) {
      return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000_000L), instant.getNano());
    }
  }
}
