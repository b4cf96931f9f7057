package dev.corral.server.inputs.bulk;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The body every end-to-end test sends: unicode, a multi-line stack trace, a ~64 KiB message and a
 * malformed document (the 4th action, on line 8) that must come back as a dead letter.
 */
final class BulkSamples {
  static final String UNICODE = "Zahlung für Bestellung 東京 bestätigt ✓ 🚀";
  static final String STACK_TRACE = "java.lang.IllegalStateException: card declined\n"
      + "\tat com.shop.Payment.charge(Payment.java:42)\n\tat com.shop.Checkout.run(Checkout.java:7)";
  static final int LARGE_BYTES = 64 * 1024;
  static final String MALFORMED = "{\"service\":\"%s\",\"message\": not json";

  private static final ObjectMapper JSON = new ObjectMapper();

  private BulkSamples() {}

  /** The large message: {@value #LARGE_BYTES} bytes of a recognisable pattern. */
  static String large() {
    return "large-" + "0123456789abcdef".repeat(LARGE_BYTES / 16 - 1) + "-end";
  }

  /**
   * Four pairs for {@code service}: index with {@code _id} "u-1" (unicode), create (stack trace),
   * index (large), index (malformed document). {@code index} may be null (then the URL names it).
   */
  static String body(String service, String index, String trace) {
    Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    StringBuilder body = new StringBuilder();
    body.append(action("index", index, "u-1")).append('\n');
    body.append(json(event(now, "info", service, UNICODE, trace))).append('\n');
    body.append(action("create", index, null)).append('\n');
    Map<String, Object> failure = event(now.plusMillis(1), "error", service, "payment failed", trace);
    failure.put("stack_trace", STACK_TRACE);
    body.append(json(failure)).append('\n');
    body.append(action("index", index, null)).append('\n');
    body.append(json(event(now.plusMillis(2), "warn", service, large(), trace))).append('\n');
    body.append(action("index", index, null)).append('\n');
    body.append(MALFORMED.formatted(service)).append('\n');
    return body.toString();
  }

  private static Map<String, Object> event(Instant at, String level, String service, String message, String trace) {
    Map<String, Object> event = new LinkedHashMap<>();
    event.put("@timestamp", at.toString());
    event.put("log.level", level);
    if (service != null) {
      event.put("service.name", service);
    }
    event.put("message", message);
    event.put("trace_id", trace);
    return event;
  }

  private static String action(String name, String index, String id) {
    Map<String, Object> meta = new LinkedHashMap<>();
    if (index != null) {
      meta.put("_index", index);
    }
    if (id != null) {
      meta.put("_id", id);
    }
    return json(Map.of(name, meta));
  }

  static String json(Object value) {
    try {
      return JSON.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
