package dev.corral.query.eval;

import java.time.Instant;
import java.util.Objects;

/**
 * What a query is evaluated against besides its events.
 *
 * @param now the instant {@code now} means in time expressions
 * @param from start of the time range, inclusive, or null for unbounded
 * @param to end of the time range, exclusive, or null for unbounded
 * @param limit most events returned, 0 for only the total (events are counted in the total beyond it)
 * @param maxGroups most groups of {@code stats} (and series of {@code timechart … by f}); the rest
 *     are merged into one "(other)" group
 * @param maxRows most rows of a table result; more set {@code truncated}
 * @param maxKeywordBytes the store's keyword limit (strings longer in UTF-8 are not indexed)
 */
public record EvaluationContext(Instant now, Instant from, Instant to, int limit, int maxGroups, int maxRows,
    int maxKeywordBytes) {
  /** Events returned by default: a screenful and a bit. */
  public static final int DEFAULT_LIMIT = 100;
  /** Groups per aggregation by default: enough for any dashboard, bounded in memory. */
  public static final int DEFAULT_MAX_GROUPS = 10_000;
  /** Rows per table by default: more than any UI shows, small enough to serialize quickly. */
  public static final int DEFAULT_MAX_ROWS = 10_000;

  public EvaluationContext {
    Objects.requireNonNull(now, "now");
    if (limit < 0) {
      throw new IllegalArgumentException("limit must be >= 0, got " + limit);
    }
    positive("maxGroups", maxGroups);
    positive("maxRows", maxRows);
    positive("maxKeywordBytes", maxKeywordBytes);
  }

  /** No time range and the default limits. */
  public static EvaluationContext of(Instant now) {
    return new EvaluationContext(now, null, null, DEFAULT_LIMIT, DEFAULT_MAX_GROUPS, DEFAULT_MAX_ROWS,
        EventFilter.DEFAULT_MAX_KEYWORD_BYTES);
  }

  /** This context with the time range [from, to). */
  public EvaluationContext withRange(Instant from, Instant to) {
    return new EvaluationContext(now, from, to, limit, maxGroups, maxRows, maxKeywordBytes);
  }

  /** This context with other limits. */
  public EvaluationContext withLimits(int limit, int maxGroups, int maxRows) {
    return new EvaluationContext(now, from, to, limit, maxGroups, maxRows, maxKeywordBytes);
  }

  private static void positive(String name, int value) {
    if (value < 1) {
      throw new IllegalArgumentException(name + " must be >= 1, got " + value);
    }
  }
}
