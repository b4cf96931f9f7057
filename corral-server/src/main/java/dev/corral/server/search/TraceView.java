package dev.corral.server.search;

import dev.corral.model.CanonicalJson;
import dev.corral.model.Level;
import dev.corral.model.LogEvent;
import dev.corral.store.search.StoredEvent;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every event of one request across services, oldest first, with a summary per service in the
 * order services first appear: the cross-service correlation view.
 *
 * @param id the trace_id or request_id asked for
 * @param events the events, oldest first
 * @param services one summary per service, by first appearance
 * @param truncated whether more events matched than were returned
 */
public record TraceView(String id, List<StoredEvent> events, List<ServiceSpan> services, boolean truncated) {
  /** The service name used for events that carry none. */
  public static final String UNKNOWN_SERVICE = "(unknown)";

  public TraceView {
    events = List.copyOf(events);
    services = List.copyOf(services);
  }

  /** Builds the view from events already in time order. */
  public static TraceView of(String id, List<StoredEvent> eventsOldestFirst, boolean truncated) {
    Map<String, long[]> spans = new LinkedHashMap<>(); // service -> {first, last, events, errors}
    for (StoredEvent stored : eventsOldestFirst) {
      LogEvent event = CanonicalJson.read(stored.source(), 0, stored.source().length);
      String service = event.service() == null ? UNKNOWN_SERVICE : event.service();
      long[] span = spans.computeIfAbsent(service, s -> new long[] {event.timestamp(), event.timestamp(), 0, 0});
      span[0] = Math.min(span[0], event.timestamp());
      span[1] = Math.max(span[1], event.timestamp());
      span[2]++;
      if (event.level().compareTo(Level.ERROR) >= 0) {
        span[3]++;
      }
    }
    List<ServiceSpan> services = new ArrayList<>(spans.size());
    spans.forEach((service, s) -> services.add(new ServiceSpan(service, s[0], s[1], (int) s[2], (int) s[3])));
    return new TraceView(id, eventsOldestFirst, services, truncated);
  }

  /** Epoch ns of the first event, or 0 when there is none. */
  public long first() {
    return events.isEmpty() ? 0 : events.get(0).timestamp();
  }

  /** Epoch ns of the last event, or 0 when there is none. */
  public long last() {
    return events.isEmpty() ? 0 : events.get(events.size() - 1).timestamp();
  }

  /** Events at ERROR or FATAL across all services. */
  public int errors() {
    return services.stream().mapToInt(ServiceSpan::errors).sum();
  }
}
