package dev.corral.server.search;

/**
 * A query lane of its own for a background caller (alert rule evaluation): {@code threads} named
 * platform threads ({@code corral-query-<name>-N}), so that background
 * queries never take the threads of the interactive lanes ({@code search.max_concurrent}) and an
 * interactive search never waits behind them. Run queries in it with {@link
 * QueryService#execute(BackgroundLane, dev.corral.server.auth.Principal, dev.corral.query.plan.QueryPlan,
 * long, long, int, java.time.Instant, java.time.Duration)}. Its owner closes it. Thread-safe.
 */
public final class BackgroundLane implements AutoCloseable {
  private final QueryLane lane;

  /**
   * @param name the lane as metrics report it, e.g. {@code alerts}
   * @param threads queries running at once; as many more may wait, beyond that {@link QueryBusyException}
   * @param settings the settings that size it, for the busy message
   */
  public BackgroundLane(String name, int threads, String settings) {
    this.lane = new QueryLane(name, "corral-query-" + name + "-", threads, threads, settings);
  }

  QueryLane lane() {
    return lane;
  }

  /** What the lane holds now. */
  public QueryLoad load() {
    return lane.load();
  }

  @Override
  public void close() {
    lane.close();
  }
}
