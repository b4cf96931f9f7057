package dev.corral.store.exec;

/**
 * The events of one segment that {@link RollupCounting} counted from its rollup: those whose
 * timestamp lies in {@code [fromNanos, toNanos)}, whole minutes inside the query's window. The
 * per-document pass over the segment skips them.
 *
 * @param fromNanos start, inclusive
 * @param toNanos end, exclusive
 */
record CountedSpan(long fromNanos, long toNanos) {
  /** Nothing counted: every matching document is visited. */
  static final CountedSpan NONE = new CountedSpan(0, 0);
  /** The whole segment counted: no document is visited. */
  static final CountedSpan ALL = new CountedSpan(Long.MIN_VALUE, Long.MAX_VALUE);

  boolean isEmpty() {
    return fromNanos >= toNanos;
  }

  boolean contains(long timestamp) {
    return timestamp >= fromNanos && timestamp < toNanos;
  }
}
