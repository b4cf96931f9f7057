package dev.corral.server.archive;

import dev.corral.server.search.ArchiveCacheFullException;
import dev.corral.server.search.ArchivedDays;
import dev.corral.server.search.FetchedDays;
import dev.corral.store.FetchedPartition;
import java.io.Closeable;
import java.io.IOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.lucene.util.IOUtils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link ArchivedDays} over the archive's state and its {@link FetchCache}: picks the days of a
 * query's range whose tier is {@code archive}, fetches up to {@value #PARALLEL_FETCHES} at once on
 * virtual threads, and opens each read-only; a query holds the read side of each such day's {@link
 * DayLocks lock} until it ends. Thread-safe.
 */
final class ArchiveQueries implements ArchivedDays {
  private static final Logger log = LoggerFactory.getLogger(ArchiveQueries.class);
  /** Four downloads fill a link to S3 without one query taking every connection of the SDK's pool (50). */
  static final int PARALLEL_FETCHES = 4;
  private static final long NANOS_PER_DAY = 86_400_000_000_000L;

  private final ArchiveState state;
  private final FetchCache cache;
  private final DayLocks locks;

  ArchiveQueries(ArchiveState state, FetchCache cache, DayLocks locks) {
    this.state = state;
    this.cache = cache;
    this.locks = locks;
  }

  @Override
  public FetchedDays fetch(long fromNanos, long toNanos) throws IOException {
    if (fromNanos == Long.MIN_VALUE) {
      return FetchedDays.NONE;
    }
    LocalDate first = LocalDate.ofEpochDay(Math.floorDiv(fromNanos, NANOS_PER_DAY));
    LocalDate last = LocalDate.ofEpochDay(Math.floorDiv(toNanos, NANOS_PER_DAY));
    List<ArchivedDay> candidates = state.days().stream()
        .filter(day -> !day.local() && !day.day().isBefore(first) && !day.day().isAfter(last)).toList();
    if (candidates.isEmpty()) {
      return FetchedDays.NONE;
    }
    List<Closeable> held = new ArrayList<>();
    List<ArchivedDay> days = new ArrayList<>();
    try {
      for (ArchivedDay candidate : candidates) {
        Closeable lock = locks.read(candidate.day());
        ArchivedDay now = state.get(candidate.day()).orElse(null);
        if (now == null || now.local()) {
          lock.close(); // merged into the local partition meanwhile: read there
        } else {
          held.add(lock);
          days.add(now);
        }
      }
      FetchedDays fetched = open(days);
      return new FetchedDays(fetched.partitions(), fetched.fetched(), fetched.fromCache(), fetched.fetchMillis(),
          fetched.failed(), () -> {
            try {
              fetched.close();
            } finally {
              IOUtils.close(held);
            }
          });
    } catch (IOException | RuntimeException e) {
      IOUtils.closeWhileHandlingException(held);
      throw e;
    }
  }

  /** Holds and opens {@code days}; a day that fails is listed, a full cache fails the whole call. */
  FetchedDays open(List<ArchivedDay> days) throws IOException {
    long started = System.nanoTime();
    List<Opened> opened = new ArrayList<>();
    TreeMap<String, String> failed = new TreeMap<>();
    IOException full = null;
    try (ExecutorService fetchers = Executors.newFixedThreadPool(PARALLEL_FETCHES,
        Thread.ofVirtual().name("corral-archive-fetch-", 0).factory())) {
      List<Future<Opened>> futures = new ArrayList<>();
      for (ArchivedDay day : days) {
        futures.add(fetchers.submit(() -> openOne(day)));
      }
      for (int i = 0; i < futures.size(); i++) {
        try {
          opened.add(futures.get(i).get());
        } catch (ExecutionException e) {
          if (e.getCause() instanceof ArchiveCacheFullException cacheFull) {
            full = full == null ? cacheFull : full;
          } else {
            String reason = e.getCause().getMessage();
            failed.put(days.get(i).day().toString(), reason);
            log.atWarn().addKeyValue("day", days.get(i).day()).addKeyValue("reason", reason)
                .log("archived day cannot be fetched; the query answers without it");
          }
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          full = new IOException("interrupted while fetching archived days", e);
        }
      }
    }
    if (full != null) {
      IOUtils.closeWhileHandlingException(opened);
      throw full;
    }
    int fromCache = (int) opened.stream().filter(day -> day.lease.fromCache()).count();
    List<FetchedPartition> partitions = opened.stream().map(Opened::partition).toList();
    Closeable release = () -> IOUtils.close(opened);
    return new FetchedDays(partitions, opened.size() - fromCache, fromCache, (System.nanoTime() - started) / 1_000_000,
        failed, release);
  }

  private Opened openOne(ArchivedDay day) throws IOException {
    FetchCache.Lease lease = cache.hold(day);
    try {
      return new Opened(lease, FetchedPartition.open(day.day(), lease.path()));
    } catch (IOException | RuntimeException e) {
      lease.close();
      throw e;
    }
  }

  /** A day held in the cache and open for search. */
  private record Opened(FetchCache.Lease lease, FetchedPartition partition) implements Closeable {
    @Override
    public void close() throws IOException {
      try {
        partition.close();
      } finally {
        lease.close();
      }
    }
  }
}
