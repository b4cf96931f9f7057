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
import dev.corral.store.EventStore;
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
import java.util.Objects;
import java.util.Optional;

/**
 * The store, whatever its backend ({@link EventStore}): indexes what the WAL makes durable and
 * answers queries. The local backend is the partitioned Lucene store ({@link LogStore}), which also
 * compacts, archives and drops days; another backend (an OpenSearch cluster, {@code store.backend})
 * is opened through the {@link Opener} it is given, and {@link #store()} — what only the local store
 * does — is refused for it. Degraded while the store does not take writes (too many open files,
 * disk full, a cluster that is down). Owns the indexing-backlog gauges and the stats entries {@code
 * pending_events}, {@code store}, {@code dead_letters}; for the local store also {@code POST
 * /api/v1/admin/compact}, the store metrics ({@link StoreMetrics}) and {@code partitions}.
 */
public final class StoreService implements Service {
  /** Counting dead letters is one term count; should the index be that slow, say "unknown" (null). */
  private static final Duration DEAD_LETTER_COUNT_TIMEOUT = Duration.ofSeconds(2);
  private static final QueryPlan DEAD_LETTERS = QueryPlan.of(new Term(FieldNames.LOGTYPE, DeadLetter.LOGTYPE));

  private final StoreSection config;
  private final Path directory;
  /** The store's stop reason names files; the data directory's own path is not shown. */
  private final HiddenPaths hiddenPaths;
  /** Opens a backend other than the local one; null for the local store. */
  private final Opener remote;
  private volatile EventStore events;
  /** The same store as {@link #events} when it is the local one, else null. */
  private volatile LogStore store;
  /** Set by {@link #registerMetrics}, before {@link #start()}. */
  private StoreTimings timings = StoreTimings.NONE;

  /**
   * @param directory where the partitions live
   * @param hiddenPaths what the degraded reason and the stats never show
   */
  public StoreService(StoreSection config, Path directory, HiddenPaths hiddenPaths) {
    this(config, directory, hiddenPaths, null);
  }

  /**
   * A store on another backend, opened by {@code remote} at start.
   *
   * @param config the store section: its limits that apply to every backend (keyword bytes, pending events)
   */
  public StoreService(StoreSection config, HiddenPaths hiddenPaths, Opener remote) {
    this(config, null, hiddenPaths, Objects.requireNonNull(remote, "remote"));
  }

  private StoreService(StoreSection config, Path directory, HiddenPaths hiddenPaths, Opener remote) {
    this.config = config;
    this.directory = directory;
    this.hiddenPaths = hiddenPaths;
    this.remote = remote;
  }

  /** Opens a store backend; called once, at start. */
  @FunctionalInterface
  public interface Opener {
    EventStore open() throws IOException;
  }

  @Override
  public String name() {
    return "store";
  }

  @Override
  public void start() throws IOException {
    if (remote != null) {
      events = remote.open();
      return;
    }
    LogStore local = LogStore.open(config.storeConfig(directory, checkpoint -> {}), timings);
    store = local;
    events = local;
  }

  /** Whether this is the local Lucene store (archive, compaction, retention and erasure work on it alone). */
  public boolean isLocal() {
    return remote == null;
  }

  /** The open store, whatever its backend. */
  public EventStore events() {
    EventStore open = events;
    if (open == null) {
      throw new IllegalStateException("BUG: the store is used before its service started");
    }
    return open;
  }

  /**
   * The open local store.
   *
   * @throws IllegalStateException when the store is another backend: a caller that needs the local
   *     store is not started with another one
   */
  public LogStore store() {
    if (remote != null) {
      throw new IllegalStateException("BUG: the local store is used while store.backend is not lucene");
    }
    events();
    return store;
  }

  /**
   * The WAL position below which a record's source may forget it (a Kafka input commits those
   * records' offsets): the whole log with the local store, which rebuilds itself from this node's WAL;
   * the checkpoint with a cluster store, so that a node that never comes back loses nothing that its
   * WAL held but the cluster did not (docs/scale-out.md).
   */
  public long sourceReleasePosition() {
    return isLocal() ? Long.MAX_VALUE : events().checkpoint();
  }

  /** The WAL position below which every record is indexed and committed: the indexer's WAL cursor. */
  long checkpoint() {
    return events().checkpoint();
  }

  /** Indexes a durable WAL record (called in WAL order). */
  void submit(long position, long next, EventBatch batch) {
    events().submit(position, next, batch);
  }

  @Override
  public Optional<String> degradedReason() {
    EventStore open = events;
    return open == null ? Optional.empty() : open.failure().map(failure -> hiddenPaths.hide(failure.getMessage()));
  }

  @Override
  public List<Route> routes() {
    return isLocal() ? List.of(Route.admin("POST", "/api/v1/admin/compact", new CompactHandler(store()))) : List.of();
  }

  @Override
  public void registerMetrics(PrometheusRegistry registry) {
    GaugeWithCallback.builder().name("corral_indexing_pending_events")
        .help("Events durable in the write-ahead log but not yet indexed (the indexing backlog)")
        .callback(callback -> callback.call(events().pendingEvents())).register(registry);
    GaugeWithCallback.builder().name("corral_indexing_lag_seconds")
        .help("How long the oldest durable record not yet taken by an indexer has waited (0: the indexers keep up)")
        .callback(callback -> callback.call(events().indexingLagNanos() / 1e9)).register(registry);
    if (isLocal()) {
      timings = new StoreMetrics(registry, this::store);
    }
  }

  /** Bytes of the local store's partitions on disk; 0 for another backend (its disk is the cluster's). */
  public long partitionBytes() {
    if (!isLocal()) {
      return 0;
    }
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
    EventStore open = events();
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("pending_events", open.pendingEvents());
    Map<String, Object> storeJson = new LinkedHashMap<>();
    if (!isLocal()) {
      storeJson.putAll(open.stats());
      storeJson.put("stopped", degradedReason().orElse(null));
      json.put("store", storeJson);
      json.put("dead_letters", deadLetters(open));
      return json;
    }
    LogStore local = store();
    storeJson.put("open_writers", local.openWriters());
    storeJson.put("open_readers", local.searcher().openReaders());
    storeJson.put("stopped", degradedReason().orElse(null));
    json.put("store", storeJson);
    List<Map<String, Object>> partitions = new ArrayList<>();
    for (PartitionInfo partition : partitions(local)) {
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

  /**
   * Stored dead letters ({@code logtype:dead_letter}), or null when counting them timed out or, for a
   * backend that is a cluster, the cluster did not answer (unreachable, refusing the credentials): the
   * stats still answer, with the reason under {@code store.stopped}.
   */
  private Long deadLetters(EventStore store) {
    try {
      return store.search().query(new QueryRequest(DEAD_LETTERS, Long.MIN_VALUE, Long.MAX_VALUE, 0, Instant.now(),
          DEAD_LETTER_COUNT_TIMEOUT, QueryLimits.DEFAULTS)).total();
    } catch (QueryTimeoutException e) {
      return null;
    } catch (IOException e) {
      if (!isLocal()) {
        return null;
      }
      throw new UncheckedIOException("cannot count the dead letters: " + e.getMessage(), e);
    }
  }

  /** Makes what is indexed durable (a final commit) and closes the partitions. */
  @Override
  public void close() throws IOException {
    EventStore open = events;
    events = null;
    store = null;
    if (open != null) {
      open.close();
    }
  }
}
