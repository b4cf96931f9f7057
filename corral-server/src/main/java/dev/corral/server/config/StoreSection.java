package dev.corral.server.config;

import dev.corral.store.index.FieldMapping;
import dev.corral.store.StoreConfig;
import dev.corral.store.StoreLimits;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.function.LongConsumer;

/**
 * The {@code store.*} settings: how the store indexes, commits, compacts and what it keeps open.
 * Bounds are the store's own ({@link StoreConfig}, {@link StoreLimits}, {@link FieldMapping}).
 *
 * @param indexerThreads indexing threads (the setting's 0, one per core, is resolved here, capped by the store)
 * @param ramBufferMb Lucene indexing buffer per partition
 * @param refreshInterval how stale a read may be before it refreshes the partitions it reads
 * @param commitInterval commit interval
 * @param warmAfter delay after the end of a partition's day before it is compacted to warm
 * @param maxKeywordBytes longest string indexed as a keyword
 * @param limits open writers and readers, fields per partition and recovery retries
 * @param compactionMaxBytesPerSec most bytes per second a compaction's merge writes, 0 for no limit
 */
public record StoreSection(int indexerThreads, int ramBufferMb, Duration refreshInterval, Duration commitInterval,
    Duration warmAfter, int maxKeywordBytes, StoreLimits limits, long compactionMaxBytesPerSec) {
  /** Below this a refresh would run on nearly every read under ingest; a recovery retry would spin. */
  private static final Duration MIN_INTERVAL = Duration.ofMillis(10);
  /** A commit is an fsync of every new file: more often than this only costs I/O. */
  private static final Duration MIN_COMMIT_INTERVAL = Duration.ofMillis(100);
  /** A keyword shorter than this is not worth a limit (field names and levels are longer). */
  private static final int MIN_KEYWORD_BYTES = 16;
  /** Ten years: any longer is "never", which a day partition cannot wait for anyway. */
  private static final Duration MAX_WARM_AFTER = Duration.ofDays(3650);
  /** A terabyte per second: past any disk, so effectively "no limit" without the 0. */
  private static final long MAX_COMPACTION_BYTES_PER_SEC = 1L << 40;

  public StoreSection {
    Objects.requireNonNull(refreshInterval, "refreshInterval");
    Objects.requireNonNull(commitInterval, "commitInterval");
    Objects.requireNonNull(warmAfter, "warmAfter");
    Objects.requireNonNull(limits, "limits");
  }

  /** Reads and validates the {@code store.*} settings. */
  public static StoreSection from(ConfigValues values) {
    int threads = values.integer(Settings.STORE_INDEXER_THREADS, 0, StoreConfig.MAX_INDEXER_THREADS);
    return new StoreSection(
        threads == 0 ? StoreConfig.indexerThreadsForCores(Runtime.getRuntime().availableProcessors()) : threads,
        (int) (values.bytes(Settings.STORE_RAM_BUFFER, 1 << 20, (long) StoreConfig.MAX_RAM_BUFFER_MB << 20) >> 20),
        values.duration(Settings.STORE_REFRESH_INTERVAL, MIN_INTERVAL, Duration.ofMinutes(10)),
        values.duration(Settings.STORE_COMMIT_INTERVAL, MIN_COMMIT_INTERVAL, Duration.ofHours(1)),
        values.duration(Settings.STORE_WARM_AFTER, Duration.ZERO, MAX_WARM_AFTER),
        (int) values.bytes(Settings.STORE_MAX_KEYWORD_BYTES, MIN_KEYWORD_BYTES, FieldMapping.MAX_KEYWORD_BYTES_LIMIT),
        new StoreLimits(
            values.integer(Settings.STORE_MAX_OPEN_WRITERS, StoreLimits.MIN_OPEN_WRITERS, StoreLimits.MAX_OPEN_LIMIT),
            values.integer(Settings.STORE_MAX_OPEN_READERS, 1, StoreLimits.MAX_OPEN_LIMIT),
            values.integer(Settings.STORE_MAX_FIELDS_PER_PARTITION, 1, StoreLimits.MAX_FIELDS_PER_PARTITION_LIMIT),
            values.duration(Settings.STORE_RECOVERY_INTERVAL, MIN_INTERVAL, Duration.ofHours(1))),
        values.bytes(Settings.STORE_COMPACTION_MAX_BYTES_PER_SEC, 0, MAX_COMPACTION_BYTES_PER_SEC));
  }

  /** The store's configuration for partitions under {@code directory}, telling {@code checkpoints} each checkpoint. */
  public StoreConfig storeConfig(Path directory, LongConsumer checkpoints) {
    return new StoreConfig(directory, indexerThreads, ramBufferMb, refreshInterval, commitInterval, warmAfter,
        maxKeywordBytes, checkpoints, limits, compactionMaxBytesPerSec);
  }
}
