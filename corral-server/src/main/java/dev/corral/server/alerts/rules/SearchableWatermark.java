package dev.corral.server.alerts.rules;

import dev.corral.store.LogStore;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;

/**
 * Where evaluation windows end: {@code now - alerts.lag}, and never after the searchable watermark,
 * the last instant before which every event the store had received is indexed and visible to search.
 * The watermark is taken by noting the clock, then waiting until everything submitted to the store
 * so far is searchable ({@link LogStore#awaitIndexed()}); it is renewed at most once per {@link
 * #RENEW_AFTER} of the clock, so many rules due together share one wait. An event that reached the
 * store before the watermark is in every window that covers its timestamp (never missed because it
 * was still being indexed); since consecutive windows are {@code every} apart and {@code window}
 * long, no event is counted twice by windows that do not overlap. Thread-safe.
 */
final class SearchableWatermark {
  /** One wait for the indexers serves every rule due within a second. */
  static final Duration RENEW_AFTER = Duration.ofSeconds(1);

  private final Supplier<LogStore> store;
  private final Clock clock;
  private final Duration lag;
  private Instant searchable;

  SearchableWatermark(Supplier<LogStore> store, Clock clock, Duration lag) {
    this.store = store;
    this.clock = clock;
    this.lag = lag;
  }

  /** The end of a window evaluated at {@code now}: {@code now - lag}, at most the watermark. */
  synchronized Instant windowEnd(Instant now) throws IOException {
    if (searchable == null || now.isAfter(searchable.plus(RENEW_AFTER)) || now.isBefore(searchable)) {
      Instant mark = clock.instant();
      try {
        store.get().awaitIndexed();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException("interrupted while waiting for the store's indexers", e);
      }
      searchable = mark;
    }
    Instant end = now.minus(lag);
    return end.isBefore(searchable) ? end : searchable;
  }
}
