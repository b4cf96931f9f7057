package dev.corral.server.search;

import dev.corral.query.TimeExpression;
import dev.corral.query.TimeOutOfRangeException;
import dev.corral.query.plan.QueryPlan;
import dev.corral.query.plan.QueryPlanParser;
import dev.corral.store.LogStore;
import dev.corral.store.QueryLimits;
import dev.corral.store.QueryRequest;
import dev.corral.store.QueryResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs queries: parses the text and time bounds, applies the limits, and executes the plan on a
 * small pool of named platform threads ({@code corral-query-N}) so that CPU-heavy queries never
 * occupy the virtual-thread carriers that serve ingest. Thread-safe.
 */
public final class QueryService implements AutoCloseable {
  private final LogStore store;
  private final Settings settings;
  private final ThreadPoolExecutor executor;

  /**
   * Query limits from configuration.
   *
   * @param defaultLimit events returned when the request names no limit
   * @param maxLimit most events, and most table rows
   */
  public record Settings(int defaultLimit, int maxLimit, Duration timeout, int maxConcurrent, int maxQueued,
      int maxGroups, long maxMemoryBytes) {}

  public QueryService(LogStore store, Settings settings) {
    this.store = store;
    this.settings = settings;
    AtomicInteger threads = new AtomicInteger();
    this.executor = new ThreadPoolExecutor(settings.maxConcurrent(), settings.maxConcurrent(), 0, TimeUnit.SECONDS,
        settings.maxQueued() == 0 ? new java.util.concurrent.SynchronousQueue<>()
            : new ArrayBlockingQueue<>(settings.maxQueued()),
        task -> {
          Thread thread = new Thread(task, "corral-query-" + threads.getAndIncrement());
          thread.setDaemon(true);
          return thread;
        });
  }

  /**
   * Runs a query (filter and pipes).
   *
   * @param text the query; blank matches everything
   * @param from lower time bound (ISO-8601, epoch ms, {@code now-15m}) or null
   * @param to upper time bound or null
   * @param limit events to return, or null for the default
   * @throws dev.corral.query.QuerySyntaxException when the query does not parse
   * @throws IllegalArgumentException for a bad bound, limit or a query the store refuses, naming it
   * @throws TimeOutOfRangeException for a bound outside the range a timestamp can hold
   * @throws dev.corral.store.QueryTimeoutException when it ran past {@code search.timeout}
   * @throws QueryBusyException when every slot and the waiting line are full
   */
  public QueryAnswer query(String text, String from, String to, String limit, Instant now)
      throws IOException, QueryBusyException {
    QueryPlan plan = QueryPlanParser.parse(text == null ? "" : text);
    QueryResult result = execute(plan, from, to, limit(limit), now);
    return new QueryAnswer(result, FieldHints.unknownFields(plan, store.fieldNames()));
  }

  /** Runs an already built plan with the same bounds, limits and pool as {@link #query}. */
  public QueryResult execute(QueryPlan plan, String from, String to, int limit, Instant now)
      throws IOException, QueryBusyException {
    long fromNanos = from == null ? Long.MIN_VALUE : bound("from", from, now);
    long toNanos = to == null ? Long.MAX_VALUE : bound("to", to, now);
    if (fromNanos > toNanos) {
      throw new IllegalArgumentException("'from' (" + from + ") is after 'to' (" + to + ")");
    }
    QueryRequest request = new QueryRequest(plan, fromNanos, toNanos, limit, now, settings.timeout(),
        new QueryLimits(settings.maxLimit(), settings.maxGroups(), settings.maxMemoryBytes()));
    return run(request);
  }

  private QueryResult run(QueryRequest request) throws IOException, QueryBusyException {
    Future<QueryResult> future;
    try {
      future = executor.submit(() -> store.query(request));
    } catch (RejectedExecutionException e) {
      throw new QueryBusyException(executor.getActiveCount(), executor.getQueue().size());
    }
    try {
      return future.get();
    } catch (InterruptedException e) {
      future.cancel(true);
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while waiting for the query", e);
    } catch (ExecutionException e) {
      switch (e.getCause()) {
        case IOException io -> throw io;
        case UncheckedIOException io -> throw io.getCause();
        case RuntimeException runtime -> throw runtime;
        case Error error -> throw error;
        default -> throw new IllegalStateException("BUG: unexpected query failure", e.getCause());
      }
    }
  }

  private int limit(String text) {
    if (text == null) {
      return settings.defaultLimit();
    }
    int value;
    try {
      value = Integer.parseInt(text.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("limit '" + text + "' is not a whole number");
    }
    if (value < 0 || value > settings.maxLimit()) {
      throw new IllegalArgumentException("limit " + value + " is outside 0.." + settings.maxLimit() + " (search.max_limit)");
    }
    return value;
  }

  private static long bound(String name, String text, Instant now) {
    try {
      return TimeExpression.parseNanos(text.trim(), now);
    } catch (TimeOutOfRangeException e) {
      throw e.at("'" + name + "'");
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("'" + name + "' " + e.getMessage(), e);
    }
  }

  /** Every field some indexed event has, for "no event has a field 'x'" hints. */
  public Set<String> fieldNames() throws IOException {
    return store.fieldNames();
  }

  /** The most events a trace view returns. */
  public int maxLimit() {
    return settings.maxLimit();
  }

  @Override
  public void close() {
    executor.shutdownNow();
  }
}
