package dev.corral.server.tail;

import java.util.List;

/**
 * What one subscriber is told at one tick.
 *
 * @param events the matching events sent, oldest first, at most the tick's share of
 *     {@link TailLimits#maxEventsPerSecond()}
 * @param skipped events not sent since the last message: matching events sampled out to keep
 *     within the rate limit, plus {@code dropped}, plus {@code overBudget}
 * @param dropped events not even examined since the last message because this subscriber had
 *     fallen too far behind (its queue was full); unknown whether they matched
 * @param overBudget events not examined since the last message because this tail's filter had
 *     used its share of the filter thread for the tick; unknown whether they matched
 * @param matchedPerSecond matching events per second over the last seconds (among those examined)
 * @param receivedPerSecond events made durable per second over the last seconds (all inputs)
 * @param position the WAL position the stream has accounted for with this message (sent, counted as
 *     skipped, or not matching): every record before it, none after. It is the message's SSE id; a
 *     client resuming with it as {@code Last-Event-ID} gets exactly the events after this message's
 */
public record TailMessage(List<TailedEvent> events, long skipped, long dropped, long overBudget,
    double matchedPerSecond, double receivedPerSecond, long position) {
  public TailMessage {
    events = List.copyOf(events);
  }
}
