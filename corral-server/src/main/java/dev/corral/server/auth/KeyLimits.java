package dev.corral.server.auth;

import java.util.Locale;

/**
 * How fast a key may go: events per second it may ingest and queries per minute it may read. 0 is
 * "not set": the server-wide default ({@code auth.key_events_per_second}, {@code
 * auth.key_queries_per_minute}) applies, itself 0 (no limit) unless configured. Immutable.
 *
 * @param eventsPerSecond events per second an ingest or admin key may send, 0 for not set
 * @param queriesPerMinute requests per minute a read or admin key may make to read routes, 0 for not set
 */
public record KeyLimits(long eventsPerSecond, long queriesPerMinute) {
  /** No limit of its own. */
  public static final KeyLimits NONE = new KeyLimits(0, 0);
  /** Ten million events per second is far beyond one server: a larger figure is a typo. */
  public static final long MAX_EVENTS_PER_SECOND = 10_000_000;
  /** A million queries per minute is far beyond one server: a larger figure is a typo. */
  public static final long MAX_QUERIES_PER_MINUTE = 1_000_000;

  public KeyLimits {
    check("events_per_second", eventsPerSecond, MAX_EVENTS_PER_SECOND);
    check("queries_per_minute", queriesPerMinute, MAX_QUERIES_PER_MINUTE);
  }

  private static void check(String field, long value, long max) {
    if (value < 0 || value > max) {
      throw new IllegalArgumentException(field + " is " + value + ", must be 0 (no limit of its own) to " + max);
    }
  }

  /** These limits, each one not set taken from {@code defaults}. */
  public KeyLimits orElse(KeyLimits defaults) {
    return new KeyLimits(eventsPerSecond > 0 ? eventsPerSecond : defaults.eventsPerSecond(),
        queriesPerMinute > 0 ? queriesPerMinute : defaults.queriesPerMinute());
  }

  /**
   * Checks that a key of {@code scope} can use these limits: events per second only on what may
   * ingest (ingest, admin), queries per minute only on what may read (read, admin).
   *
   * @throws IllegalArgumentException naming the limit and the scope
   */
  void checkFor(Scope scope) {
    String name = scope.name().toLowerCase(Locale.ROOT);
    if (eventsPerSecond > 0 && !scope.allows(Scope.INGEST)) {
      throw new IllegalArgumentException("events_per_second limits ingest: only an ingest or admin key takes it, not "
          + name);
    }
    if (queriesPerMinute > 0 && !scope.allows(Scope.READ)) {
      throw new IllegalArgumentException("queries_per_minute limits reads: only a read or admin key takes it, not "
          + name);
    }
  }
}
