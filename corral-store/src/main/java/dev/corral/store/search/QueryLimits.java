package dev.corral.store.search;

/**
 * Caps that keep one query from taking the server down.
 *
 * @param maxRows most rows of a result table (more are cut and the table marked truncated)
 * @param maxGroups most groups an aggregation keeps; later groups fold into one "other" row
 * @param maxMemoryBytes most bytes of aggregation state (groups × accumulators); beyond it the
 *     query fails with a clear error instead of exhausting the heap
 */
public record QueryLimits(int maxRows, int maxGroups, long maxMemoryBytes) {
  /** Enough rows for any table a person reads; a UI pages beyond it. */
  public static final int DEFAULT_MAX_ROWS = 10_000;
  /** High-cardinality "by" fields (user ids) fold into "other" beyond this. */
  public static final int DEFAULT_MAX_GROUPS = 10_000;
  /** A tenth of the 1 GiB heap target, so a few concurrent queries still leave room for ingest. */
  public static final long DEFAULT_MAX_MEMORY_BYTES = 100L << 20;
  public static final QueryLimits DEFAULTS = new QueryLimits(DEFAULT_MAX_ROWS, DEFAULT_MAX_GROUPS, DEFAULT_MAX_MEMORY_BYTES);

  public QueryLimits {
    if (maxRows < 1 || maxGroups < 1 || maxMemoryBytes < 1) {
      throw new IllegalArgumentException("query limits must be positive: rows " + maxRows + ", groups " + maxGroups
          + ", memory " + maxMemoryBytes);
    }
  }
}
