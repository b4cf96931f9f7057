package dev.corral.store.search;

import dev.corral.query.ast.Query;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * Every event a filter matches in a closed time range, streamed oldest first ({@link
 * EventSearch#export}); unlike a {@link QueryRequest}, without a limit on the number of events.
 *
 * @param filter the events to export (the caller has already restricted it to what its principal may read)
 * @param fromNanos inclusive lower bound, epoch ns; a real bound: an export reads day by day
 * @param toNanos inclusive upper bound, epoch ns
 * @param now the instant relative times inside the filter are resolved against
 * @param pageTimeout the longest one page may take to find and read; past it the export stops with
 *     {@link QueryTimeoutException} (the export as a whole has no deadline: it runs as long as the client reads)
 * @param pageSize events found and read at a time, 1..{@value #MAX_PAGE_SIZE}: what the export holds in memory
 */
public record ExportRequest(Query filter, long fromNanos, long toNanos, Instant now, Duration pageTimeout,
    int pageSize) {
  /** A page's events are held in memory; this many of the largest events (1 MiB) stays within a heap's share. */
  public static final int MAX_PAGE_SIZE = 10_000;

  public ExportRequest {
    Objects.requireNonNull(filter, "filter");
    Objects.requireNonNull(now, "now");
    Objects.requireNonNull(pageTimeout, "pageTimeout");
    if (fromNanos > toNanos) {
      throw new IllegalArgumentException("time window starts (" + fromNanos + ") after it ends (" + toNanos + ")");
    }
    if (fromNanos == Long.MIN_VALUE || toNanos == Long.MAX_VALUE) {
      throw new IllegalArgumentException("an export needs both time bounds, got " + fromNanos + ".." + toNanos);
    }
    if (pageSize < 1 || pageSize > MAX_PAGE_SIZE) {
      throw new IllegalArgumentException("export page size (" + pageSize + ") must be in 1.." + MAX_PAGE_SIZE);
    }
    if (pageTimeout.isNegative()) {
      throw new IllegalArgumentException("page timeout (" + pageTimeout + ") must not be negative");
    }
  }
}
