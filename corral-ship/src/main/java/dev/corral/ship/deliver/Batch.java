package dev.corral.ship.deliver;

import dev.corral.ship.Source;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Events to send in one request, and, for each source they came from, the offset just past its last event in
 * the batch: what {@link Source#acknowledged(long)} is told once the batch is durably accepted.
 *
 * @param events   the events, one JSON object each, in the order the inputs handed them over
 * @param marks    per source (in order of first appearance), the highest offset in this batch; empty for a batch
 *                 read back from the spool (its sources were told when it was spooled)
 * @param bytes    the events' length in chars (UTF-8 bytes for ASCII), plus one per event for its line break
 * @param pipeline the server pipeline every event of the batch runs, or null (the server selects per request)
 */
public record Batch(List<String> events, Map<Source, Long> marks, long bytes, String pipeline) {
  public Batch {
    events = List.copyOf(events);
    marks = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(marks));
    if (events.isEmpty()) {
      throw new IllegalArgumentException("a batch holds at least one event");
    }
  }

  /** A batch of events whose sources were already acknowledged (read back from the spool). */
  public static Batch acknowledged(List<String> events, String pipeline) {
    long bytes = 0;
    for (String event : events) {
      bytes += event.length() + 1;
    }
    return new Batch(events, Map.of(), bytes, pipeline);
  }
}
