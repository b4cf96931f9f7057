package dev.corral.logback;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import dev.corral.client.ExceptionDetail;
import dev.corral.client.LogEvent;
import dev.corral.client.Origin;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Marker;
import org.slf4j.event.KeyValuePair;

/**
 * A Logback event in Corral's canonical schema. The free fields are, in this order: the MDC entries
 * ({@code trace_id}, {@code span_id}, {@code request_id}, {@code user_id} …), the SLF4J 2 key-value pairs of
 * the fluent API ({@code log.atInfo().addKeyValue("order", 42)}, values keep their type: a number stays a
 * number), and the markers' names as the list {@code markers}. The exception is the whole trace, causes and
 * suppressed ones included, as Logback prints it.
 */
final class CanonicalEvents {
  /** The free field holding the markers' names. */
  static final String MARKERS = "markers";

  private CanonicalEvents() {}

  /** The canonical event of {@code event}; called on the logging thread, so it copies what may change later. */
  static LogEvent of(ILoggingEvent event, Origin origin) {
    return new LogEvent(event.getInstant(), event.getLevel().toString(), origin, event.getLoggerName(),
        event.getThreadName(), event.getFormattedMessage(), exception(event.getThrowableProxy()), fields(event));
  }

  private static Map<String, Object> fields(ILoggingEvent event) {
    Map<String, String> mdc = event.getMDCPropertyMap();
    List<KeyValuePair> pairs = event.getKeyValuePairs();
    List<Marker> markers = event.getMarkerList();
    Map<String, Object> fields = new LinkedHashMap<>();
    if (mdc != null) {
      fields.putAll(mdc);
    }
    if (pairs != null) {
      for (KeyValuePair pair : pairs) {
        fields.put(pair.key, pair.value);
      }
    }
    if (markers != null && !markers.isEmpty()) {
      List<String> names = new ArrayList<>(markers.size());
      markers.forEach(marker -> names.add(marker.getName()));
      fields.put(MARKERS, names);
    }
    return fields;
  }

  private static ExceptionDetail exception(IThrowableProxy thrown) {
    if (thrown == null) {
      return null;
    }
    return new ExceptionDetail(thrown.getClassName(), thrown.getMessage(), ThrowableProxyUtil.asString(thrown));
  }
}
