package dev.corral.server.http;

import dev.corral.model.EventBatch;
import dev.corral.model.FieldNames;
import dev.corral.query.ast.Term;
import dev.corral.query.plan.QueryPlan;
import dev.corral.server.HiddenPaths;
import dev.corral.server.ServerVersion;
import dev.corral.server.ingest.DeadLetter;
import dev.corral.server.ingest.IngestRate;
import dev.corral.server.search.QueryLoad;
import dev.corral.server.tail.TailHub;
import dev.corral.store.LogStore;
import dev.corral.store.PartitionInfo;
import dev.corral.store.QueryLimits;
import dev.corral.store.QueryRequest;
import dev.corral.store.QueryTimeoutException;
import dev.corral.wal.WalStats;
import dev.corral.wal.WriteAheadLog;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.function.LongSupplier;

/**
 * {@code GET /api/v1/stats}: the server's state for operators, benchmarks and the UI's status
 * page — version and uptime, ingest totals and rates, WAL (with the lag of the store behind it),
 * indexing backlog, partitions, disk use, dead letters, live tails, queries running and waiting per
 * lane, and socket-input counters (UDP
 * datagrams received and dropped, TCP connections open and refused) and JVM heap. Cheap: no field needs more
 * than a count over one term.
 */
public final class StatsHandler implements Handler {
  /** Counting dead letters is one term count; should the index be that slow, say "unknown" (null). */
  private static final Duration DEAD_LETTER_COUNT_TIMEOUT = Duration.ofSeconds(2);
  private static final QueryPlan DEAD_LETTERS = QueryPlan.of(new Term(FieldNames.LOGTYPE, DeadLetter.LOGTYPE));

  private final Sources sources;
  /** The store's stop reason names files; the data directory's own path is not shown. */
  private final HiddenPaths hiddenPaths;

  /**
   * What the figures are read from.
   *
   * @param inputs each input's stats by name (what it stored and had refused, its port and counters); read per request
   * @param ingest events made durable since start, and their rate
   * @param tail the live tails
   * @param dataDir the data directory, whose disk is reported
   * @param started when the server started
   * @param queries the queries each lane of the query service holds now
   * @param pendingEventsHighWater the largest indexing backlog seen since start (the bound
   *     {@code ingest.max_pending_events} holds it, unless a single larger request was taken alone)
   */
  public record Sources(LogStore store, WriteAheadLog<EventBatch> wal, Supplier<Map<String, Object>> inputs, IngestRate ingest,
      TailHub tail, Path dataDir, Instant started, Supplier<List<QueryLoad>> queries,
      LongSupplier pendingEventsHighWater) {}

  public StatsHandler(Sources sources) {
    this.sources = sources;
    this.hiddenPaths = HiddenPaths.of(sources.dataDir());
  }

  @Override
  public Response handle(Request request) throws IOException {
    LogStore store = sources.store();
    Instant now = Instant.now();
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("version", ServerVersion.get());
    json.put("uptime_seconds", Duration.between(sources.started(), now).toSeconds());
    json.put("ingest", ingest());
    json.put("wal", wal());
    json.put("pending_events", store.pendingEvents());
    json.put("pending_events_high_water", sources.pendingEventsHighWater().getAsLong());
    Map<String, Object> storeJson = new LinkedHashMap<>();
    storeJson.put("open_writers", store.openWriters());
    storeJson.put("open_readers", store.openReaders());
    storeJson.put("stopped", store.failure().map(failure -> hiddenPaths.hide(failure.getMessage())).orElse(null));
    json.put("store", storeJson);
    List<Map<String, Object>> partitions = new ArrayList<>();
    long partitionBytes = 0;
    for (PartitionInfo partition : store.partitions()) {
      Map<String, Object> p = new LinkedHashMap<>();
      p.put("day", partition.day().toString());
      p.put("events", partition.docCount());
      p.put("size_bytes", partition.sizeBytes());
      p.put("tier", partition.tier().label());
      p.put("committed_position", partition.committedPosition());
      partitions.add(p);
      partitionBytes += partition.sizeBytes();
    }
    json.put("partitions", partitions);
    json.put("disk", disk(partitionBytes + sources.wal().stats().bytesOnDisk()));
    json.put("dead_letters", deadLetters(now));
    Map<String, Object> tail = new LinkedHashMap<>();
    tail.put("subscribers", sources.tail().subscribers());
    tail.put("dropped_events", sources.tail().droppedEvents());
    json.put("tail", tail);
    json.put("queries", queries());
    json.put("inputs", sources.inputs().get());
    json.put("jvm", jvm());
    return Response.json(200, Json.bytes(json));
  }

  /**
   * Heap figures: used now (garbage included), committed, the {@code -Xmx} maximum, and live after
   * the last collection of each heap pool (the figure that says whether the heap is big enough).
   */
  /** Per lane of the query service: {@code {"normal": {"running": 1, "queued": 0}, "expensive": {…}}}. */
  private Map<String, Object> queries() {
    Map<String, Object> lanes = new LinkedHashMap<>();
    for (QueryLoad load : sources.queries().get()) {
      lanes.put(load.lane(), Map.of("running", load.running(), "queued", load.queued()));
    }
    return lanes;
  }

  private static Map<String, Object> jvm() {
    MemoryUsage heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
    long liveAfterGc = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      MemoryUsage afterGc = pool.getCollectionUsage();
      if (pool.getType() == MemoryType.HEAP && afterGc != null) {
        liveAfterGc += afterGc.getUsed();
      }
    }
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("heap_used_bytes", heap.getUsed());
    json.put("heap_committed_bytes", heap.getCommitted());
    json.put("heap_max_bytes", heap.getMax());
    json.put("heap_live_after_gc_bytes", liveAfterGc);
    return json;
  }

  private Map<String, Object> ingest() {
    IngestRate rate = sources.ingest();
    Map<String, Object> perSecond = new LinkedHashMap<>();
    perSecond.put("last_10s", rounded(rate.perSecond(10)));
    perSecond.put("last_1m", rounded(rate.perSecond(60)));
    Map<String, Object> ingest = new LinkedHashMap<>();
    ingest.put("events_total", rate.total());
    ingest.put("events_per_second", perSecond);
    return ingest;
  }

  private Map<String, Object> wal() {
    WriteAheadLog<EventBatch> wal = sources.wal();
    WalStats walStats = wal.stats();
    long checkpoint = sources.store().checkpoint();
    Map<String, Object> walJson = new LinkedHashMap<>();
    walJson.put("segments", walStats.segments());
    walJson.put("bytes_on_disk", walStats.bytesOnDisk());
    walJson.put("appends", walStats.appends());
    walJson.put("group_commits", walStats.groupCommits());
    walJson.put("start_position", wal.startPosition());
    walJson.put("end_position", wal.endPosition());
    walJson.put("checkpoint", checkpoint);
    walJson.put("lag_bytes", Math.max(0, wal.endPosition() - checkpoint));
    return walJson;
  }

  /** @param dataBytes what Corral keeps on disk: partitions and WAL segments */
  private Map<String, Object> disk(long dataBytes) throws IOException {
    FileStore disk = Files.getFileStore(sources.dataDir());
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("data_bytes", dataBytes);
    json.put("free_bytes", disk.getUsableSpace());
    json.put("total_bytes", disk.getTotalSpace());
    return json;
  }

  /** Stored dead letters ({@code logtype:dead_letter}), or null when counting them timed out. */
  private Long deadLetters(Instant now) throws IOException {
    try {
      return sources.store().query(new QueryRequest(DEAD_LETTERS, Long.MIN_VALUE, Long.MAX_VALUE, 0, now,
          DEAD_LETTER_COUNT_TIMEOUT, QueryLimits.DEFAULTS)).total();
    } catch (QueryTimeoutException e) {
      return null;
    }
  }

  private static double rounded(double rate) {
    return Math.round(rate * 10) / 10.0;
  }
}
