package dev.corral.store;

import dev.corral.store.search.QueryTimeoutException;
import dev.corral.store.search.QueryLimits;
import dev.corral.store.search.EventSearch;
import dev.corral.store.search.QueryResult;
import dev.corral.store.search.QueryRequest;
import dev.corral.store.exec.EventExport;
import dev.corral.store.exec.PartitionSnapshot;
import dev.corral.store.search.ExportRequest;
import dev.corral.store.exec.PlanExecutor;
import dev.corral.store.exec.QueryDeadline;
import java.io.IOException;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.SortedSet;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.apache.lucene.util.IOUtils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The store's read side: snapshots of the partitions a query covers, the query itself, the event
 * field names, and the refreshes that make new events visible (design.md, "Query execution", "Field
 * names", "Refresh on demand").
 *
 * <p>Freshness contract: every read ({@link #query}, {@link #export}, {@link #fieldNames}, {@link
 * #partitions}) first refreshes the partitions it reads whose reader is older than {@link
 * StoreConfig#refreshInterval()} and has unrefreshed events, waiting for that refresh (shared with
 * concurrent reads). So an event indexed at least that long before a read began is visible to it.
 * With no read nothing refreshes on a timer: readers reopen only on demand and after each commit
 * round ({@link #refreshAfterCommit}), whose flush made the new segments already. While reads keep
 * coming (one in the last {@link #DEMAND_WINDOW}), the {@code corral-refresher} thread refreshes
 * ahead of them, so that a read during ingest rarely waits for a flush.
 *
 * <p>Contract: a query holds every partition it covers from the moment it takes its snapshot until
 * it ends (reference-counted {@link AcquiredSearcher}s): a partition closed, compacted or dropped
 * meanwhile keeps its files for it. Queries work while the store does not take writes. A refresh
 * whose writer hit a tragic error stops the store taking writes ({@link StoreFailure}).
 *
 * <p>Thread-safety: every method may be called from any thread, concurrently with indexing,
 * commits and compactions.
 */
public final class StoreSearcher implements EventSearch {
  /**
   * How long after a read the refresher keeps refreshing ahead of the next one: dashboards, the live
   * search page and alert rules read every few seconds; a store nobody reads stops refreshing.
   */
  static final Duration DEMAND_WINDOW = Duration.ofSeconds(10);

  /** Logs under the store's name: operators follow one logger for the store. */
  private static final Logger log = LoggerFactory.getLogger(LogStore.class);

  private final LogStore store;
  private final Partitions partitions;
  private final StoreFailure failure;
  private final int maxKeywordBytes;
  private final StoreTimings timings;
  /** A read refreshes a partition whose reader's refresh began longer ago than this ({@link StoreConfig#refreshInterval()}). */
  private final long maxStalenessNanos;
  /** When the last read began ({@link System#nanoTime()}); starts one demand window in the past. */
  private volatile long lastReadNanos = System.nanoTime() - DEMAND_WINDOW.toNanos();
  /** Refreshes ahead of reads while they keep coming; none when every read refreshes itself (interval 0). */
  private final ScheduledExecutorService refresher;
  /** Test seam: runs once a query holds its partitions, before it executes; to hold a query there. */
  volatile Consumer<List<PartitionSnapshot>> afterSnapshot = snapshots -> {};

  StoreSearcher(LogStore store, StoreConfig config, Partitions partitions, StoreFailure failure, StoreTimings timings) {
    this.store = store;
    this.timings = timings;
    this.partitions = partitions;
    this.failure = failure;
    this.maxKeywordBytes = config.maxKeywordBytes();
    this.maxStalenessNanos = config.refreshInterval().toNanos();
    long tickMillis = config.refreshInterval().toMillis() / 4;
    if (tickMillis > 0) {
      refresher = Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("corral-refresher"));
      refresher.scheduleWithFixedDelay(this::refreshAheadOfReads, tickMillis, tickMillis, TimeUnit.MILLISECONDS);
    } else {
      refresher = null;
    }
  }

  /**
   * Runs a full query (filter + pipes) over the partitions overlapping the request's window; see
   * {@link PlanExecutor} for the steps. The partitions' searchers are acquired (reference-counted)
   * for the whole call, so no compaction, eviction or drop removes data under it.
   *
   * @throws IllegalArgumentException when the query cannot run as written (too complex a regex, more
   *     aggregation state than {@link QueryLimits#maxMemoryBytes()}, a full-text field where a value
   *     is needed, an unknown table column, …); the message names the value and the limit
   * @throws QueryTimeoutException when it runs past {@link QueryRequest#timeout()}; never partial
   *     results
   */
  @Override
  public QueryResult query(QueryRequest request) throws IOException {
    return query(request, List.of());
  }

  /**
   * {@link #query(QueryRequest)} over the store's partitions plus {@code fetched}, partitions opened
   * read-only from outside the store (archived days fetched for this query); the fetched ones outside
   * the request's window are skipped. A fetched day the store also has (late events that started a
   * new local partition after the day was archived and removed) is read from both: each holds
   * different events.
   * The caller keeps {@code fetched} open for the whole call and closes them after.
   */
  public QueryResult query(QueryRequest request, List<FetchedPartition> fetched) throws IOException {
    Objects.requireNonNull(request, "request");
    Objects.requireNonNull(fetched, "fetched");
    QueryDeadline deadline = QueryDeadline.after(request.timeout());
    store.ensureOpen();
    List<AcquiredSearcher> acquired = new ArrayList<>();
    try {
      List<PartitionSnapshot> snapshots = new ArrayList<>();
      List<DailyPartition> overlapping = partitions.overlapping(request.fromNanos(), request.toNanos());
      refreshStale(overlapping);
      for (DailyPartition partition : overlapping) {
        AcquiredSearcher searcher = partition.acquire();
        if (searcher != null) {
          acquired.add(searcher);
          snapshots.add(new PartitionSnapshot(partition.day().toString(), searcher.searcher().getIndexReader(),
              DayBounds.firstNanos(partition.day()), DayBounds.lastNanos(partition.day())));
        }
      }
      for (FetchedPartition partition : fetched) {
        long first = DayBounds.firstNanos(partition.day());
        long last = DayBounds.lastNanos(partition.day());
        if (last >= request.fromNanos() && first <= request.toNanos()) {
          snapshots.add(new PartitionSnapshot(partition.day().toString(), partition.reader(), first, last));
        }
      }
      snapshots.sort(java.util.Comparator.comparing(PartitionSnapshot::day).reversed());
      afterSnapshot.accept(snapshots);
      return PlanExecutor.execute(snapshots, request, deadline, maxKeywordBytes);
    } finally {
      IOUtils.close(acquired);
    }
  }

  /**
   * {@inheritDoc}
   *
   * <p>The local store's run is an {@link EventExportRun}: day by day, each partition held only
   * while it is read.
   */
  @Override
  public EventExportRun export(ExportRequest request) {
    Objects.requireNonNull(request, "request");
    store.ensureOpen();
    refreshStale(partitions.overlapping(request.fromNanos(), request.toNanos()));
    return new EventExportRun(store, partitions, request, EventExport.luceneFilter(request));
  }

  /**
   * The names of every event field some indexed event has (dotted, as users type them), across all
   * partitions; for "no event has a field 'servce'; did you mean 'service'?" hints. Each partition's
   * names are learnt when its reader opens or refreshes, from its last commit when it opens and from
   * its writer when that closes ({@link FieldNameCache}); this call merges them only when one
   * changed, reads no index and opens nothing. A dropped partition's names are gone at once.
   */
  @Override
  public SortedSet<String> fieldNames() {
    store.ensureOpen();
    refreshStale(partitions.newestFirst());
    return partitions.fieldNames().all();
  }

  /** A snapshot of every partition, newest day first. */
  public List<PartitionInfo> partitions() throws IOException {
    store.ensureOpen();
    refreshStale(partitions.newestFirst());
    List<PartitionInfo> infos = new ArrayList<>();
    for (DailyPartition partition : partitions.newestFirst()) {
      infos.add(partition.info());
    }
    return infos;
  }

  /** Partitions open for search only now (at most {@link StoreLimits#maxOpenReaders()} between searches). */
  public int openReaders() {
    return partitions.readerSlots().openCount();
  }

  /** Makes every event indexed so far visible to the next query, waiting for refreshes under way. */
  void refreshAll() throws IOException {
    for (DailyPartition partition : partitions.newestFirst()) {
      partition.refresh(0);
    }
  }

  /**
   * After a commit round: reopens the reader of every partition with changes. The commit flushed
   * them into segments already, so this costs no extra flush; it bounds how stale a reader gets
   * when nothing reads (and how long merged-away segment files are held) to the commit interval.
   */
  void refreshAfterCommit() {
    refreshQuietly(partitions.newestFirst(), 0);
  }

  /** Refreshes those of {@code readable} whose reader is older than the staleness bound; see the class comment. */
  private void refreshStale(Collection<DailyPartition> readable) {
    lastReadNanos = System.nanoTime();
    refreshQuietly(readable, maxStalenessNanos);
  }

  /**
   * The refresher's tick (every quarter of the interval): within the demand window, refreshes every
   * partition whose reader is older than half the interval, so a read finds its reader younger than
   * the interval (half + a tick + one refresh) and need not wait.
   */
  private void refreshAheadOfReads() {
    if (System.nanoTime() - lastReadNanos < DEMAND_WINDOW.toNanos()) {
      refreshQuietly(partitions.newestFirst(), maxStalenessNanos / 2);
    }
  }

  /** Stops the refresher; {@code now} interrupts a refresh under way (a simulated crash). */
  void stop(boolean now) {
    if (refresher == null) {
      return;
    }
    if (now) {
      refresher.shutdownNow();
    } else {
      refresher.shutdown();
    }
  }

  /** Waits for the refresher to end after {@link #stop}. */
  boolean awaitStopped(long timeout, TimeUnit unit) throws InterruptedException {
    return refresher == null || refresher.awaitTermination(timeout, unit);
  }

  /** Test seam: a searcher of the partition of {@code day}, as a query holds it; null when there is none. */
  AcquiredSearcher acquireForTest(LocalDate day) throws IOException {
    DailyPartition partition = partitions.get(day);
    return partition == null ? null : partition.acquire();
  }

  /** Test seam: how many times a reader's or commit's segments were scanned for field names. */
  long fieldNameScansForTest() {
    return partitions.fieldNames().scans();
  }

  /**
   * Refreshes each partition of {@code readable} older than {@code maxAgeNanos} ({@link
   * DailyPartition#refresh}). A failure does not fail the caller, which reads what the partition
   * showed before: a writer's tragic error stops the store taking writes ({@link StoreFailure}),
   * anything else is logged.
   */
  private void refreshQuietly(Collection<DailyPartition> readable, long maxAgeNanos) {
    long started = System.nanoTime();
    boolean refreshed = false;
    for (DailyPartition partition : readable) {
      try {
        refreshed |= partition.refresh(maxAgeNanos);
      } catch (IOException | RuntimeException e) {
        Throwable tragedy = partition.tragedy();
        if (tragedy != null) {
          failure.fail(tragedy);
        } else {
          log.warn("event=refresh_failed partition={} reason=\"{}\"", partition.day(), e.toString(), e);
        }
      }
    }
    if (refreshed) {
      timings.refreshed(System.nanoTime() - started);
    }
  }
}
