package dev.corral.server.storage;

import dev.corral.model.EventBatch;
import dev.corral.model.FieldNames;
import dev.corral.query.ast.Term;
import dev.corral.query.plan.QueryPlan;
import dev.corral.server.config.StoreSection;
import dev.corral.server.http.HiddenPaths;
import dev.corral.server.http.Route;
import dev.corral.server.ingest.DeadLetter;
import dev.corral.server.service.Service;
import dev.corral.store.LogStore;
import dev.corral.store.PartitionInfo;
import dev.corral.store.StoreTimings;
import dev.corral.store.search.QueryLimits;
import dev.corral.store.search.QueryRequest;
import dev.corral.store.search.QueryTimeoutException;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The partitioned Lucene store ({@link LogStore}): indexes what the WAL makes durable, answers
 * queries, compacts. Degraded while it has stopped taking writes (too many open files, disk full).
 * Owns {@code POST /api/v1/admin/compact}, the indexing-backlog gauge, the store metrics ({@link
 * StoreMetrics}) and the stats entries {@code pending_events}, {@code store}, {@code partitions} and
 * {@code dead_letters}.
 */
public final class StoreService implements Service {
  /** Counting dead letters is one term count; should the index be that slow, say "unknown" (null). */
  private static final Duration DEAD_LETTER_COUNT_TIMEOUT = Duration.ofSeconds(2);
  private static final QueryPlan DEAD_LETTERS = QueryPlan.of(new Term(FieldNames.LOGTYPE, DeadLetter.LOGTYPE));

  private final StoreSection config;
  private final Path directory;
  /** The store's stop reason names files; the data directory's own path is not shown. */
  private final HiddenPaths hiddenPaths;
  private volatile LogStore store;
  /** Set by {@link #registerMetrics}, before {@link #start()}. */
  private StoreTimings timings = StoreTimings.NONE;

  /**
   * @param directory where the partitions live
   * @param hiddenPaths what the degraded reason and the stats never show
   */
  public StoreService(StoreSection config, Path directory, HiddenPaths hiddenPaths) {
    this.config = config;
    this.directory = directory;
    this.hiddenPaths = hiddenPaths;
  }

  @Override
  public String name() {
    return "store";
  }

  @Override
  public void start() throws IOException {
    store = LogStore.open(config.storeConfig(directory, checkpoint -> {}), timings);
  }

  /** The open store. */
  public LogStore store() {
    LogStore open = store;
    if (open == null) {
      throw new IllegalStateException("BUG: the store is used before its service started");
    }
    return open;
  }

  /** The WAL position below which every record is indexed and committed: the indexer's WAL cursor. */
  long checkpoint() {
    return store().checkpoint();
  }

  /** Indexes a durable WAL record (called in WAL order). */
  void submit(long position, long next, EventBatch batch) {
    store().submit(position, next, batch);
  }

  @Override
  public Optional<String> degradedReason() {
    LogStore open = store;
    return open == null ? Optional.empty() : open.failure().map(failure -> hiddenPaths.hide(failure.getMessage()));
  }

  @Override
  public List<Route> routes() {
    return List.of(Route.admin("POST", "/api/v1/admin/compact", new CompactHandler(store())));
  }

  @Override
  public void registerMetrics(PrometheusRegistry registry) {
    GaugeWithCallback.builder().name("corral_indexing_pending_events")
        .help("Events durable in the write-ahead log but not yet indexed (the indexing backlog)")
        .callback(callback -> callback.call(store().pendingEvents())).register(registry);
    GaugeWithCallback.builder().name("corral_indexing_lag_seconds")
        .help("How long the oldest durable record not yet taken by an indexer has waited (0: the indexers keep up)")
        .callback(callback -> callback.call(store().indexingLagNanos() / 1e9)).register(registry);
    timings = new StoreMetrics(registry, this::store);
  }

  /** Bytes of the partitions on disk. */
  public long partitionBytes() {
    return partitions(store()).stream().mapToLong(PartitionInfo::sizeBytes).sum();
  }

  private static List<PartitionInfo> partitions(LogStore store) {
    try {
      return store.searcher().partitions();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list the partitions: " + e.getMessage(), e);
    }
  }

  @Override
  public Map<String, Object> stats() {
    LogStore open = store();
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("pending_events", open.pendingEvents());
    Map<String, Object> storeJson = new LinkedHashMap<>();
    storeJson.put("open_writers", open.openWriters());
    storeJson.put("open_readers", open.searcher().openReaders());
    storeJson.put("stopped", degradedReason().orElse(null));
    json.put("store", storeJson);
    List<Map<String, Object>> partitions = new ArrayList<>();
    for (PartitionInfo partition : partitions(open)) {
      Map<String, Object> p = new LinkedHashMap<>();
      p.put("day", partition.day().toString());
      p.put("events", partition.docCount());
      p.put("size_bytes", partition.sizeBytes());
      p.put("tier", partition.tier().label());
      p.put("committed_position", partition.committedPosition());
      partitions.add(p);
    }
    json.put("partitions", partitions);
    json.put("dead_letters", deadLetters(open));
    return json;
  }

  /** Stored dead letters ({@code logtype:dead_letter}), or null when counting them timed out. */
  private static Long deadLetters(LogStore store) {
    try {
      return store.searcher().query(new QueryRequest(DEAD_LETTERS, Long.MIN_VALUE, Long.MAX_VALUE, 0, Instant.now(),
          DEAD_LETTER_COUNT_TIMEOUT, QueryLimits.DEFAULTS)).total();
    } catch (QueryTimeoutException e) {
      return null;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot count the dead letters: " + e.getMessage(), e);
    }
  }

  /** Makes what is indexed durable (a final commit) and closes the partitions. */
  @Override
  public void close() throws IOException {
    LogStore open = store;
    store = null;
    if (open != null) {
      open.close();
    }
  }
}
