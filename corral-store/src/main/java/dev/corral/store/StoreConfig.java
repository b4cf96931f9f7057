package dev.corral.store;

import dev.corral.store.index.FieldMapping;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.function.LongConsumer;

/**
 * Settings of a {@link LogStore}, fixed when it opens.
 *
 * @param directory where the daily partitions and the checkpoint file live ({@code data/partitions})
 * @param indexerThreads platform threads that add events to Lucene, 1..{@value #MAX_INDEXER_THREADS}
 * @param ramBufferMb Lucene's in-memory buffer per open partition writer before it flushes a segment,
 *     and the most all writers buffer together ({@link IndexingBuffers}), 1..{@value #MAX_RAM_BUFFER_MB}
 * @param refreshInterval how stale a read's view may be: a query, export, field-name or partition
 *     read first refreshes (and waits for) each partition it reads whose reader's last refresh began
 *     longer ago than this and that has unrefreshed events, so an event indexed this long before a
 *     read began is visible to it; {@link Duration#ZERO}: every read refreshes. Nothing refreshes on
 *     a timer (design.md, "Refresh on demand")
 * @param commitInterval how often a commit round makes indexed events durable and advances the
 *     checkpoint; bounds how much WAL a restart replays
 * @param warmAfter how long after the end of its UTC day a partition is compacted to warm (merged
 *     into one best-compression segment); {@link Duration#ZERO} or more
 * @param maxKeywordBytes strings with a longer UTF-8 form are kept in the source but not indexed as
 *     keywords (like Elasticsearch's {@code ignore_above}), 1..{@link FieldMapping#MAX_KEYWORD_BYTES_LIMIT}
 * @param checkpointListener called after each commit round with the new checkpoint (the WAL
 *     position below which records are no longer needed), on the committing thread
 * @param limits open writers and readers, fields per partition, recovery retries ({@link StoreLimits})
 * @param compactionMaxBytesPerSec most bytes per second a compaction's merge writes, 0 for no limit
 *     ({@link CompactionMergeScheduler})
 */
public record StoreConfig(
    Path directory,
    int indexerThreads,
    int ramBufferMb,
    Duration refreshInterval,
    Duration commitInterval,
    Duration warmAfter,
    int maxKeywordBytes,
    LongConsumer checkpointListener,
    StoreLimits limits,
    long compactionMaxBytesPerSec) {

  /** More indexing threads than this only contend; Lucene's writer scales to a few dozen. */
  public static final int MAX_INDEXER_THREADS = 64;
  /** Lucene caps a single writer thread's buffer just below 2 GiB. */
  public static final int MAX_RAM_BUFFER_MB = 2047;
  /**
   * Large enough for fewer, bigger segments; small enough for the 1 GiB heap target. 256 measured
   * no cheaper with refreshes on demand, and a read after a pause would wait for a bigger flush.
   */
  public static final int DEFAULT_RAM_BUFFER_MB = 64;
  /**
   * Half the 1 s searchable target: a burst of queries during ingest refreshes a partition at most
   * twice a second, and an event indexed 500 ms before a query began is in its answer.
   */
  public static final Duration DEFAULT_REFRESH_INTERVAL = Duration.ofMillis(500);
  /**
   * A Lucene commit fsyncs every new file; every 10 s keeps that cheap and replay short (30 s
   * measured no cheaper and triples the WAL a crash replays).
   */
  public static final Duration DEFAULT_COMMIT_INTERVAL = Duration.ofSeconds(10);
  /** Late events of a day mostly arrive within minutes; an hour leaves room for shippers catching up. */
  public static final Duration DEFAULT_WARM_AFTER = Duration.ofHours(1);
  /** Identifiers, names and URLs fit; bodies and dumps are not worth an exact-match term. */
  public static final int DEFAULT_MAX_KEYWORD_BYTES = 1024;
  /**
   * Lucene's own starting rate for big background merges: a 200 MB warm day is written in 10 s or
   * more, leaving the disk's bandwidth to the WAL's fsyncs and the hot segments' flushes.
   */
  public static final long DEFAULT_COMPACTION_MAX_BYTES_PER_SEC = 20L << 20;

  public StoreConfig {
    Objects.requireNonNull(directory, "directory");
    Objects.requireNonNull(refreshInterval, "refreshInterval");
    Objects.requireNonNull(commitInterval, "commitInterval");
    Objects.requireNonNull(warmAfter, "warmAfter");
    Objects.requireNonNull(checkpointListener, "checkpointListener");
    Objects.requireNonNull(limits, "limits");
    check("indexerThreads", indexerThreads, 1, MAX_INDEXER_THREADS);
    check("ramBufferMb", ramBufferMb, 1, MAX_RAM_BUFFER_MB);
    check("maxKeywordBytes", maxKeywordBytes, 1, FieldMapping.MAX_KEYWORD_BYTES_LIMIT);
    if (refreshInterval.isNegative()) {
      throw new IllegalArgumentException("refreshInterval (" + refreshInterval + ") must not be negative");
    }
    if (warmAfter.isNegative()) {
      throw new IllegalArgumentException("warmAfter (" + warmAfter + ") must not be negative");
    }
    if (commitInterval.toMillis() < 1) {
      throw new IllegalArgumentException("commitInterval (" + commitInterval + ") must be at least 1 ms");
    }
    if (compactionMaxBytesPerSec < 0) {
      throw new IllegalArgumentException("compactionMaxBytesPerSec (" + compactionMaxBytesPerSec
          + ") must be 0 (no limit) or positive");
    }
  }

  /**
   * The defaults: one indexer per core, 64 MB buffer, reads at most 500 ms stale, 10 s commits, warm an hour
   * after the day, 1024-byte keywords, {@link StoreLimits#DEFAULTS}, compactions writing 20 MiB/s.
   */
  public static StoreConfig defaults(Path directory) {
    return new StoreConfig(directory, indexerThreadsForCores(Runtime.getRuntime().availableProcessors()),
        DEFAULT_RAM_BUFFER_MB, DEFAULT_REFRESH_INTERVAL, DEFAULT_COMMIT_INTERVAL, DEFAULT_WARM_AFTER, DEFAULT_MAX_KEYWORD_BYTES,
        position -> {}, StoreLimits.DEFAULTS, DEFAULT_COMPACTION_MAX_BYTES_PER_SEC);
  }

  /**
   * Indexer threads meaning "one per core" on a host with this many cores: the cores, at most
   * {@value #MAX_INDEXER_THREADS}, so that the default is valid on any host.
   */
  public static int indexerThreadsForCores(int cores) {
    if (cores < 1) {
      throw new IllegalArgumentException("cores (" + cores + ") must be at least 1");
    }
    return Math.min(MAX_INDEXER_THREADS, cores);
  }

  /** This config with other refresh and commit intervals. */
  public StoreConfig withIntervals(Duration refresh, Duration commit) {
    return new StoreConfig(directory, indexerThreads, ramBufferMb, refresh, commit, warmAfter,
        maxKeywordBytes, checkpointListener, limits, compactionMaxBytesPerSec);
  }

  /** This config with another delay before partitions become warm. */
  public StoreConfig withWarmAfter(Duration delay) {
    return new StoreConfig(directory, indexerThreads, ramBufferMb, refreshInterval, commitInterval, delay,
        maxKeywordBytes, checkpointListener, limits, compactionMaxBytesPerSec);
  }

  /** This config with other resource limits. */
  public StoreConfig withLimits(StoreLimits other) {
    return new StoreConfig(directory, indexerThreads, ramBufferMb, refreshInterval, commitInterval, warmAfter,
        maxKeywordBytes, checkpointListener, other, compactionMaxBytesPerSec);
  }

  /** This config with another compaction write rate (0: no limit). */
  public StoreConfig withCompactionMaxBytesPerSec(long maxBytesPerSec) {
    return new StoreConfig(directory, indexerThreads, ramBufferMb, refreshInterval, commitInterval, warmAfter,
        maxKeywordBytes, checkpointListener, limits, maxBytesPerSec);
  }

  private static void check(String name, int value, int min, int max) {
    if (value < min || value > max) {
      throw new IllegalArgumentException(name + " (" + value + ") must be in " + min + ".." + max);
    }
  }
}
