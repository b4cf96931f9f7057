package dev.corral.server.search;

import dev.corral.query.QueryCost;
import dev.corral.query.TimeExpression;
import dev.corral.query.TimeOutOfRangeException;
import dev.corral.query.ast.MatchAll;
import dev.corral.query.plan.PlanFields;
import dev.corral.query.plan.QueryPlan;
import dev.corral.query.plan.QueryPlanParser;
import dev.corral.server.audit.AuditEvents;
import dev.corral.server.auth.Principal;
import dev.corral.server.metrics.QueryKind;
import dev.corral.server.metrics.QueryMetrics;
import dev.corral.store.LogStore;
import dev.corral.store.search.QueryLimits;
import dev.corral.store.search.QueryRequest;
import dev.corral.store.search.QueryResult;
import dev.corral.store.FetchedPartition;
import dev.corral.store.search.EventSearch;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Callable;
import java.util.concurrent.Future;
import java.util.stream.Collectors;

/**
 * Runs queries: parses the text and time bounds, applies the limits, estimates the filter's cost
 * ({@link QueryCost}) and executes the plan in one of two lanes ({@link QueryLane}) of named
 * platform threads: queries estimated at {@code search.expensive_query_cost} or more run in the
 * expensive lane ({@code search.max_concurrent_expensive} at once, {@code
 * search.max_queued_expensive} waiting), all others in the normal lane ({@code
 * search.max_concurrent}, {@code search.max_queued}); so a few wildcard-heavy queries can never
 * hold the slots a simple search needs. A query estimated above {@code search.max_query_cost} is
 * refused before it runs ({@link QueryTooCostlyException}). The field names for "did you mean"
 * hints are read in the same lane task, right after the query: the store keeps them per partition
 * refresh, so that costs no index read. Thread-safe.
 */
public final class QueryService implements AutoCloseable {
  /**
   * Newest events whose fields stand for a restricted principal's known fields: reading and
   * parsing a thousand stored events takes milliseconds, and the fields of the traffic one sees
   * now are what one types.
   */
  static final int RESTRICTED_FIELD_SAMPLE = 1000;
  private final EventSearch searcher;
  /** Runs a query over the store and the archived days it reached (none without an archive). */
  private final WithArchived withArchived;
  private final ArchivedDays archive;
  private final Settings settings;
  private final QueryLane normal;
  private final QueryLane expensive;
  private final QueryMetrics metrics;
  private final AllowedFieldNames allowedFieldNames = new AllowedFieldNames();

  /**
   * Query limits from configuration.
   *
   * @param defaultLimit events returned when the request names no limit
   * @param maxLimit most events, and most table rows
   * @param cost the cost lanes and the cost limit
   */
  public record Settings(int defaultLimit, int maxLimit, Duration timeout, int maxConcurrent, int maxQueued,
      int maxGroups, long maxMemoryBytes, QueryCostLimits cost) {}

  /**
   * The local store's queries, without an archive.
   *
   * @param metrics where each query's latency by lane, and each refusal, is recorded
   */
  public QueryService(LogStore store, Settings settings, QueryMetrics metrics) {
    this(store, ArchivedDays.NONE, settings, metrics);
  }

  /**
   * The local store's queries.
   *
   * @param archive the archived days a query's range reaches, fetched and searched beside the
   *     store's partitions (a restricted principal's read filter applies to them alike)
   * @param metrics where each query's latency by lane, and each refusal, is recorded
   */
  public QueryService(LogStore store, ArchivedDays archive, Settings settings, QueryMetrics metrics) {
    this(store.searcher(), store.searcher()::query, archive, settings, metrics);
  }

  /**
   * Queries of any store backend ({@link EventSearch}), which has no archive: an OpenSearch cluster
   * keeps its own lifecycle.
   *
   * @param metrics where each query's latency by lane, and each refusal, is recorded
   */
  public QueryService(EventSearch search, Settings settings, QueryMetrics metrics) {
    this(search, (request, fetched) -> search.query(request), ArchivedDays.NONE, settings, metrics);
  }

  private QueryService(EventSearch search, WithArchived withArchived, ArchivedDays archive, Settings settings,
      QueryMetrics metrics) {
    this.searcher = search;
    this.withArchived = withArchived;
    this.archive = archive;
    this.metrics = metrics;
    this.settings = settings;
    this.normal = new QueryLane("normal", "corral-query-", settings.maxConcurrent(), settings.maxQueued(),
        "search.max_concurrent, search.max_queued");
    this.expensive = new QueryLane("expensive", "corral-query-expensive-", settings.cost().maxConcurrentExpensive(),
        settings.cost().maxQueuedExpensive(), "search.max_concurrent_expensive, search.max_queued_expensive");
  }

  /**
   * Runs a query (filter and pipes) as {@code who}: a restricted principal's read filter is ANDed
   * with the whole query before anything runs ({@link ReadScope}), and the "did you mean" hints
   * name only fields of events it may read ({@link #knownFields}).
   *
   * @param text the query; blank matches everything
   * @param from lower time bound (ISO-8601, epoch ms, {@code now-15m}) or null
   * @param to upper time bound or null
   * @param limit events to return, or null for the default
   * @throws dev.corral.query.QuerySyntaxException when the query does not parse
   * @throws IllegalArgumentException for a bad bound, limit or a query the store refuses, naming it
   * @throws TimeOutOfRangeException for a bound outside the range a timestamp can hold
   * @throws dev.corral.store.search.QueryTimeoutException when it ran past {@code search.timeout}
   * @throws QueryTooCostlyException when the filter is estimated above {@code search.max_query_cost}
   * @throws QueryBusyException when every slot and the waiting line of its lane are full
   * @throws InvalidReadFilterException when {@code who}'s read filter does not parse
   * @throws ArchiveCacheFullException when an archived day of the range does not fit the fetch cache or the disk
   */
  public QueryAnswer query(Principal who, String text, String from, String to, String limit, Instant now)
      throws IOException, QueryBusyException {
    ReadScope scope = ReadScope.of(who);
    QueryPlan plan = QueryPlanParser.parse(text == null ? "" : text);
    return run(scope.restrict(plan), QueryKind.SEARCH, from, to, limit(limit), now,
        request -> {
          try (FetchedDays days = archive.fetch(request.fromNanos(), request.toNanos())) {
            return new QueryAnswer(withArchived.query(request, days.partitions()), hints(plan, scope, now),
                days.reached() ? days.json() : Map.of());
          }
        });
  }

  /**
   * Runs an already built plan as {@code who} (restricted like {@link #query}) with the same
   * bounds, limits, cost rules and lanes; {@code kind} labels its latency.
   */
  public QueryResult execute(Principal who, QueryKind kind, QueryPlan plan, String from, String to, int limit,
      Instant now) throws IOException, QueryBusyException {
    return run(ReadScope.of(who).restrict(plan), kind, from, to, limit, now, request -> {
      try (FetchedDays days = archive.fetch(request.fromNanos(), request.toNanos())) {
        return withArchived.query(request, days.partitions());
      }
    });
  }

  /**
   * Runs an already built plan as {@code who} between two inclusive bounds in epoch nanoseconds, in
   * {@code lane} instead of the interactive lanes, cancelled after {@code timeout} instead of {@code
   * search.timeout}; the cost limit applies as to any query.
   */
  public QueryResult execute(BackgroundLane lane, QueryKind kind, Principal who, QueryPlan plan, long fromNanos,
      long toNanos, int limit, Instant now, Duration timeout) throws IOException, QueryBusyException {
    QueryPlan restricted = ReadScope.of(who).restrict(plan);
    refuseTooCostly(restricted);
    QueryRequest request = new QueryRequest(restricted, fromNanos, toNanos, limit, now, timeout, limits());
    return inLane(lane.lane(), kind, () -> {
      try (FetchedDays days = archive.fetch(request.fromNanos(), request.toNanos())) {
        return withArchived.query(request, days.partitions());
      }
    });
  }

  /** Unknown-field warnings for the user's own plan, from the fields {@code scope} may know of. */
  private List<String> hints(QueryPlan plan, ReadScope scope, Instant now) throws IOException {
    if (PlanFields.referenced(plan).isEmpty()) {
      return List.of();
    }
    return FieldHints.unknownFields(plan, knownFields(scope, now));
  }

  /**
   * The field names {@code who} may learn exist, for "no event has a field" hints. Unrestricted:
   * every field of every event (kept by the store per refresh, no index read). Restricted: the
   * fields of the newest {@value #RESTRICTED_FIELD_SAMPLE} events it may read, read in the query
   * lane and kept until the store changes — the store's names span every service, and naming a
   * field only other services have would tell that they exist.
   */
  public Set<String> knownFields(Principal who, Instant now) throws IOException, QueryBusyException {
    ReadScope scope = ReadScope.of(who);
    if (!scope.isRestricted()) {
      return withoutAuditFields(scope, searcher.fieldNames());
    }
    return inLane(normal, QueryKind.FIELDS, () -> knownFields(scope, now));
  }

  /**
   * The fields {@code scope} may know of, from inside a lane task: the store's names, or for a
   * restricted scope those of its sample, sampled again only once the store changed ({@link AllowedFieldNames}).
   */
  private Set<String> knownFields(ReadScope scope, Instant now) throws IOException {
    Set<String> storeNames = searcher.fieldNames();
    if (!scope.isRestricted()) {
      return withoutAuditFields(scope, storeNames);
    }
    return allowedFieldNames.get(scope.filterText().orElseThrow(), storeNames,
        () -> SampledFieldNames.of(searcher.query(fieldSample(scope, now)).events()));
  }

  /** The store's field names, those only audit events have left out where the scope hides them. */
  private static Set<String> withoutAuditFields(ReadScope scope, Set<String> names) {
    if (!scope.hidesAudit()) {
      return names;
    }
    return names.stream().filter(name -> !name.startsWith(AuditEvents.FIELD_PREFIX))
        .collect(Collectors.toUnmodifiableSet());
  }

  private QueryRequest fieldSample(ReadScope scope, Instant now) {
    return new QueryRequest(QueryPlan.of(scope.restrict(new MatchAll())), Long.MIN_VALUE, Long.MAX_VALUE,
        Math.min(RESTRICTED_FIELD_SAMPLE, settings.maxLimit()), now, settings.timeout(), limits());
  }

  private QueryLimits limits() {
    return new QueryLimits(settings.maxLimit(), settings.maxGroups(), settings.maxMemoryBytes());
  }

  /** What a lane task does with the request: the query, and for {@link #query} the field hints too. */
  @FunctionalInterface
  private interface LaneTask<T> {
    T run(QueryRequest request) throws IOException;
  }

  private <T> T run(QueryPlan plan, QueryKind kind, String from, String to, int limit, Instant now, LaneTask<T> task)
      throws IOException, QueryBusyException {
    long fromNanos = from == null ? Long.MIN_VALUE : bound("from", from, now);
    long toNanos = to == null ? Long.MAX_VALUE : bound("to", to, now);
    if (fromNanos > toNanos) {
      throw new IllegalArgumentException("'from' (" + from + ") is after 'to' (" + to + ")");
    }
    QueryCost cost = refuseTooCostly(plan);
    QueryRequest request = new QueryRequest(plan, fromNanos, toNanos, limit, now, settings.timeout(), limits());
    return inLane(cost.reaches(settings.cost().expensiveCost()) ? expensive : normal, kind, () -> task.run(request));
  }

  /** The plan's estimated cost; refused above {@code search.max_query_cost}. */
  private QueryCost refuseTooCostly(QueryPlan plan) {
    QueryCost cost = QueryCost.of(plan.filter()).plusExtractions(plan.sourceReads());
    if (cost.units() > settings.cost().maxCost()) {
      metrics.refused("too_costly");
      throw new QueryTooCostlyException(cost, settings.cost().maxCost());
    }
    return cost;
  }

  /** Runs {@code task} in {@code lane} and waits for it, under the service's timeout handling. */
  private <T> T inLane(QueryLane lane, QueryKind kind, Callable<T> task) throws IOException, QueryBusyException {
    long started = System.nanoTime();
    Future<T> future;
    try {
      future = lane.submit(task);
    } catch (QueryBusyException e) {
      metrics.refused("busy");
      throw e;
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
    } finally {
      metrics.ran(lane.name(), kind, System.nanoTime() - started);
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

  /**
   * Epoch nanoseconds of the time bound {@code text} (ISO-8601, epoch ms, {@code now-15m}) of the
   * parameter {@code name}.
   *
   * @throws IllegalArgumentException naming the parameter when it is no time expression or out of range
   */
  public static long bound(String name, String text, Instant now) {
    try {
      return TimeExpression.parseNanos(text.trim(), now);
    } catch (TimeOutOfRangeException e) {
      throw e.at("'" + name + "'");
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("'" + name + "' " + e.getMessage(), e);
    }
  }

  /** The most events a trace view returns. */
  public int maxLimit() {
    return settings.maxLimit();
  }

  /** What each lane holds now: normal first, then expensive. */
  public List<QueryLoad> load() {
    return List.of(normal.load(), expensive.load());
  }

  @Override
  public void close() {
    normal.close();
    expensive.close();
  }

  /** A query over the store plus archived days fetched for it. */
  @FunctionalInterface
  private interface WithArchived {
    QueryResult query(QueryRequest request, List<FetchedPartition> fetched) throws IOException;
  }
}
