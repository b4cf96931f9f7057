package dev.corral.store;

import java.time.Duration;
import java.util.Objects;

/**
 * How many resources the store may hold, whatever the number of day partitions (design.md,
 * "Open files"). A back-fill of years of logs makes thousands of partitions; only this many of them
 * have a writer or a reader open at once, the least recently used being closed and reopened on
 * demand.
 *
 * @param maxOpenWriters partitions with an open {@code IndexWriter} at once (each holds its
 *     {@code write.lock} file, the files of segments it is flushing or merging, and its RAM buffer),
 *     {@value #MIN_OPEN_WRITERS}..{@value #MAX_OPEN_LIMIT}; a running compaction may add one
 * @param maxOpenReaders partitions open for search only (no writer) at once; each maps its segment
 *     files (counted against {@code vm.max_map_count}), 1..{@value #MAX_OPEN_LIMIT}. A query holds
 *     the readers of every partition it reads until it ends, even those closed meanwhile
 * @param maxFieldsPerPartition distinct field names indexed in one partition (like Elasticsearch's
 *     {@code index.mapping.total_fields.limit}); the fields of new names beyond it stay in the
 *     event's source and are found by {@code name:*}, but are not indexed,
 *     1..{@value #MAX_FIELDS_PER_PARTITION_LIMIT}
 * @param recoveryInterval how often a store that stopped taking writes retries: roll back to the
 *     last commits and replay the write-ahead log (when the server gave it a {@link WalReplay})
 */
public record StoreLimits(int maxOpenWriters, int maxOpenReaders, int maxFieldsPerPartition, Duration recoveryInterval) {
  /** Eviction needs one writer for the day being written and one that a compaction may pin. */
  public static final int MIN_OPEN_WRITERS = 2;
  /** Far above any useful working set; keeps a typo from disabling the bound. */
  public static final int MAX_OPEN_LIMIT = 100_000;
  /**
   * A writer holds its lock file and ~3 files of buffered stored fields (more while it flushes):
   * measured 32 writers ≈ 130 descriptors, well within the usual 1,024-file limit and even 256.
   */
  public static final int DEFAULT_MAX_OPEN_WRITERS = 32;
  /** Readers hold no file descriptors once mapped; 128 days of searches stay open well within the map limit. */
  public static final int DEFAULT_MAX_OPEN_READERS = 128;
  /** Elasticsearch's default total-fields limit; real services log far fewer distinct names a day. */
  public static final int DEFAULT_MAX_FIELDS_PER_PARTITION = 1000;
  /** Lucene keeps a FieldInfo per name in every segment: beyond this a partition's heap grows unbounded. */
  public static final int MAX_FIELDS_PER_PARTITION_LIMIT = 1_000_000;
  /** Often enough to resume soon after disk or files are freed, rare enough to keep a failing retry quiet. */
  public static final Duration DEFAULT_RECOVERY_INTERVAL = Duration.ofSeconds(10);

  /** The defaults above. */
  public static final StoreLimits DEFAULTS = new StoreLimits(DEFAULT_MAX_OPEN_WRITERS, DEFAULT_MAX_OPEN_READERS,
      DEFAULT_MAX_FIELDS_PER_PARTITION, DEFAULT_RECOVERY_INTERVAL);

  public StoreLimits {
    Objects.requireNonNull(recoveryInterval, "recoveryInterval");
    check("maxOpenWriters", maxOpenWriters, MIN_OPEN_WRITERS, MAX_OPEN_LIMIT);
    check("maxOpenReaders", maxOpenReaders, 1, MAX_OPEN_LIMIT);
    check("maxFieldsPerPartition", maxFieldsPerPartition, 1, MAX_FIELDS_PER_PARTITION_LIMIT);
    if (recoveryInterval.toMillis() < 1) {
      throw new IllegalArgumentException("recoveryInterval (" + recoveryInterval + ") must be at least 1 ms");
    }
  }

  private static void check(String name, int value, int min, int max) {
    if (value < min || value > max) {
      throw new IllegalArgumentException(name + " (" + value + ") must be in " + min + ".." + max);
    }
  }
}
