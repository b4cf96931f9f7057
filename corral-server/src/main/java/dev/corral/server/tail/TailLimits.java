package dev.corral.server.tail;

/**
 * Limits of the live tail, from configuration.
 *
 * @param maxEventsPerSecond events one subscriber is sent per second at most; the rest are
 *     sampled out and counted as skipped ({@code tail.max_events_per_second})
 * @param maxSubscribers tails open at once; one more is refused ({@code tail.max_subscribers})
 * @param maxPerClient tails one client may hold open at once, so that one client cannot take every
 *     slot; one more from it is refused ({@code tail.max_per_client})
 * @param maxReplayEvents matching events a resumed tail ({@code Last-Event-ID}) replays from the
 *     write-ahead log at most before it goes live; the rest is announced as a gap
 *     ({@code tail.max_replay_events})
 */
public record TailLimits(int maxEventsPerSecond, int maxSubscribers, int maxPerClient, int maxReplayEvents) {
  /** A browser cannot draw more than this anyway; it bounds the size of one message. */
  public static final int MAX_EVENTS_PER_SECOND_CEILING = 100_000;
  /** Each tail holds a connection, a thread and a queue; thousands would be a mistake. */
  public static final int MAX_SUBSCRIBERS_CEILING = 10_000;
  /** A replay is sent at once, in one burst; a million events is already more than a page can hold. */
  public static final int MAX_REPLAY_EVENTS_CEILING = 1_000_000;

  public TailLimits {
    if (maxEventsPerSecond < 1 || maxEventsPerSecond > MAX_EVENTS_PER_SECOND_CEILING) {
      throw new IllegalArgumentException("maxEventsPerSecond " + maxEventsPerSecond + " is outside 1.."
          + MAX_EVENTS_PER_SECOND_CEILING);
    }
    if (maxSubscribers < 1 || maxSubscribers > MAX_SUBSCRIBERS_CEILING) {
      throw new IllegalArgumentException("maxSubscribers " + maxSubscribers + " is outside 1.." + MAX_SUBSCRIBERS_CEILING);
    }
    if (maxPerClient < 1 || maxPerClient > maxSubscribers) {
      throw new IllegalArgumentException("maxPerClient " + maxPerClient + " is outside 1.." + maxSubscribers
          + " (tail.max_subscribers)");
    }
    if (maxReplayEvents < 0 || maxReplayEvents > MAX_REPLAY_EVENTS_CEILING) {
      throw new IllegalArgumentException("maxReplayEvents " + maxReplayEvents + " is outside 0.."
          + MAX_REPLAY_EVENTS_CEILING);
    }
  }

  /** A quarter of the slots, at least one: four clients can always tail, none can take them all. */
  public static int defaultPerClient(int maxSubscribers) {
    return Math.max(1, maxSubscribers / 4);
  }
}
