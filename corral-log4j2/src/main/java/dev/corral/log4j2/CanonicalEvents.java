package dev.corral.log4j2;

import dev.corral.client.ExceptionDetail;
import dev.corral.client.LogEvent;
import dev.corral.client.Origin;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.logging.log4j.Marker;
import org.apache.logging.log4j.message.MapMessage;
import org.apache.logging.log4j.message.Message;

/**
 * A Log4j 2 event in Corral's canonical schema. The free fields are, in this order: the ThreadContext entries
 * ({@code trace_id}, {@code span_id}, {@code request_id} …); for a {@code MapMessage} (and so a
 * {@code StringMapMessage} or {@code StructuredDataMessage}) its entries, values keeping their type, with its
 * {@code message} entry (if any) as the event's message; and the marker with its parents as the list
 * {@code markers}. The exception is the whole trace with causes and suppressed ones.
 */
final class CanonicalEvents {
  /** The free field holding the marker names. */
  static final String MARKERS = "markers";
  /** The MapMessage entry used as the event's message, the convention of Log4j's own JSON layouts. */
  static final String MAP_MESSAGE_KEY = "message";

  private CanonicalEvents() {}

  /** The canonical event of {@code event}; called on the logging thread, so it copies what may change later. */
  static LogEvent of(org.apache.logging.log4j.core.LogEvent event, Origin origin) {
    org.apache.logging.log4j.core.time.Instant instant = event.getInstant();
    Map<String, Object> fields = new LinkedHashMap<>();
    event.getContextData().forEach(fields::put);
    Message message = event.getMessage();
    String text;
    if (message instanceof MapMessage<?, ?> map) {
      Map<String, Object> data = new LinkedHashMap<>();
      map.forEach(data::put);
      Object named = data.remove(MAP_MESSAGE_KEY);
      text = named != null ? named.toString() : map.getFormat().isEmpty() ? null : map.getFormat();
      fields.putAll(data);
    } else {
      text = message == null ? null : message.getFormattedMessage();
    }
    if (event.getMarker() != null) {
      fields.put(MARKERS, markerNames(event.getMarker()));
    }
    Throwable thrown = event.getThrown();
    return new LogEvent(Instant.ofEpochSecond(instant.getEpochSecond(), instant.getNanoOfSecond()),
        event.getLevel().name(), origin, event.getLoggerName(), event.getThreadName(), text,
        thrown == null ? null : ExceptionDetail.of(thrown), fields);
  }

  private static List<String> markerNames(Marker marker) {
    List<String> names = new ArrayList<>();
    addWithParents(marker, names);
    return names;
  }

  private static void addWithParents(Marker marker, List<String> names) {
    if (names.contains(marker.getName())) {
      return;
    }
    names.add(marker.getName());
    if (marker.hasParents()) {
      for (Marker parent : marker.getParents()) {
        addWithParents(parent, names);
      }
    }
  }
}
