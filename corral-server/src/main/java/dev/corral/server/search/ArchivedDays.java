package dev.corral.server.search;

import java.io.IOException;

/**
 * How a query reaches archived days (docs/operations.md, "Queries over archived days"): the days of
 * its time range that only the archive holds, fetched into the cache and opened read-only for it.
 * The search service asks it once per query, inside the query's lane.
 */
@FunctionalInterface
public interface ArchivedDays {
  /** No archive: nothing to fetch. */
  ArchivedDays NONE = (fromNanos, toNanos) -> FetchedDays.NONE;

  /**
   * Fetches (or takes from the cache) every archived day overlapping {@code [fromNanos, toNanos]}
   * that is not on the local disk, and holds them until the result is closed. A query with no lower
   * bound ({@code fromNanos == Long.MIN_VALUE}) reaches no archived day: it would fetch the whole bucket.
   * A day that cannot be fetched (missing or corrupt in the bucket, bucket unreachable) is listed in
   * {@link FetchedDays#failed()} and the query answers from the others.
   *
   * @throws ArchiveCacheFullException when a day does not fit the cache or the disk (nothing is held then)
   */
  FetchedDays fetch(long fromNanos, long toNanos) throws IOException;
}
