package dev.corral.client;

import java.util.Iterator;
import java.util.Map;
import java.util.Set;

/**
 * Encodes a {@link LogEvent} as one line of Corral's canonical JSON (no line break):
 * <pre>{"timestamp":"2026-12-06T01:02:03.456Z","level":"ERROR","service":"checkout","environment":"prod",
 * "version":"1.4.2","host":"web-7","logger":"shop.Payment","thread":"main","message":"card declined",
 * "exception":{"type":"java.io.IOException","message":"…","stacktrace":"…"},"trace_id":"4bf9…","order":42}</pre>
 * Null components are left out. A free field whose name is one of the canonical names above goes under
 * {@code context.} ({@code context.level}), so an MDC entry can never hide the event's own level or message.
 *
 * <p>Strings are cut so that one event stays under Corral's 1 MiB limit per event ({@code ingest.max_event_bytes})
 * whatever the application logs. One input character takes at most 6 bytes of JSON (a control character as
 * {@code \}{@code u0001}); so the message ({@link #MAX_MESSAGE_CHARS}) is at most 192 KiB, the stack trace
 * ({@link #MAX_STACKTRACE_CHARS}) 288 KiB, and the free fields, added while they take less than
 * {@link #FREE_FIELDS_BUDGET_CHARS} characters of JSON and each value at most {@link #MAX_FIELD_CHARS} characters
 * ({@link #MAX_ARRAY_ITEMS} for a list), at most (32 + 16 · 6) Ki characters of up to 3 bytes, 384 KiB; with the
 * short fields (11 · 1 Ki · 6) about 930 KiB in all. A cut is stated in the value. Stateless and thread-safe.
 */
public final class EventJson {
  /** Corral keeps 100 KiB of a message and flags the rest; 32 Ki characters are a page of text. */
  public static final int MAX_MESSAGE_CHARS = 32 * 1024;
  /** A deep Java stack trace with its causes is 10–30 KB; 48 Ki characters keep the top and the causes of most. */
  public static final int MAX_STACKTRACE_CHARS = 48 * 1024;
  /** Names, levels, the exception's message, origin fields: a few hundred characters in practice. */
  public static final int MAX_SHORT_CHARS = 1024;
  /** An MDC value or key-value argument is an id or a small value; 1 Ki characters is generous. */
  public static final int MAX_FIELD_CHARS = 1024;
  /** A list value (markers, an argument that is a collection) is a handful of tags. */
  public static final int MAX_ARRAY_ITEMS = 16;
  /** JSON characters of the free fields before the next one is left out: hundreds of small MDC entries fit. */
  public static final int FREE_FIELDS_BUDGET_CHARS = 32 * 1024;

  /** The names {@link #append} writes itself; a free field of one of these names moves under {@code context.}. */
  static final Set<String> CANONICAL_NAMES = Set.of("timestamp", "level", "service", "environment", "version", "host",
      "logger", "thread", "message", "exception", "exception.type", "exception.message", "exception.stacktrace");

  private EventJson() {}

  /** The event as one JSON line, without the line break. */
  public static String encode(LogEvent event) {
    StringBuilder out = new StringBuilder(256);
    append(out, event);
    return out.toString();
  }

  /** Appends the event's JSON object (no line break) to {@code out}. */
  public static void append(StringBuilder out, LogEvent event) {
    out.append("{\"timestamp\":\"").append(event.timestamp()).append('"');
    appendField(out, "level", event.level(), MAX_SHORT_CHARS);
    Origin origin = event.origin();
    appendField(out, "service", origin.service(), MAX_SHORT_CHARS);
    appendField(out, "environment", origin.environment(), MAX_SHORT_CHARS);
    appendField(out, "version", origin.version(), MAX_SHORT_CHARS);
    appendField(out, "host", origin.host(), MAX_SHORT_CHARS);
    appendField(out, "logger", event.logger(), MAX_SHORT_CHARS);
    appendField(out, "thread", event.thread(), MAX_SHORT_CHARS);
    appendField(out, "message", event.message(), MAX_MESSAGE_CHARS);
    if (event.exception() != null) {
      ExceptionDetail exception = event.exception();
      out.append(",\"exception\":{\"type\":");
      JsonString.append(out, exception.type(), MAX_SHORT_CHARS);
      appendField(out, "message", exception.message(), MAX_FIELD_CHARS);
      appendField(out, "stacktrace", exception.stacktrace(), MAX_STACKTRACE_CHARS);
      out.append('}');
    }
    appendFreeFields(out, event.fields());
    out.append('}');
  }

  private static void appendFreeFields(StringBuilder out, Map<String, Object> fields) {
    int budgetEnd = out.length() + FREE_FIELDS_BUDGET_CHARS;
    for (Iterator<Map.Entry<String, Object>> entries = fields.entrySet().iterator(); entries.hasNext()
        && out.length() < budgetEnd;) {
      Map.Entry<String, Object> entry = entries.next();
      String name = entry.getKey();
      if (name == null || name.isEmpty()) {
        continue;
      }
      out.append(',');
      JsonString.append(out, CANONICAL_NAMES.contains(name) ? "context." + name : name, MAX_SHORT_CHARS);
      out.append(':');
      appendValue(out, entry.getValue());
    }
  }

  private static void appendField(StringBuilder out, String name, String value, int maxChars) {
    if (value != null) {
      out.append(",\"").append(name).append("\":");
      JsonString.append(out, value, maxChars);
    }
  }

  private static void appendValue(StringBuilder out, Object value) {
    if (value == null) {
      out.append("null");
    } else if (value instanceof Boolean || value instanceof Integer || value instanceof Long || value instanceof Short
        || value instanceof Byte) {
      out.append(value);
    } else if (value instanceof Double || value instanceof Float) {
      double number = ((Number) value).doubleValue();
      if (Double.isFinite(number)) {
        out.append(value);
      } else {
        JsonString.append(out, value.toString(), MAX_FIELD_CHARS);
      }
    } else if (value instanceof Iterable<?> items) {
      appendArray(out, items);
    } else {
      JsonString.append(out, value.toString(), MAX_FIELD_CHARS);
    }
  }

  private static void appendArray(StringBuilder out, Iterable<?> items) {
    out.append('[');
    int written = 0;
    for (Object item : items) {
      if (written == MAX_ARRAY_ITEMS) {
        break;
      }
      if (written++ > 0) {
        out.append(',');
      }
      if (item instanceof Iterable<?>) {
        JsonString.append(out, item.toString(), MAX_FIELD_CHARS);
      } else {
        appendValue(out, item);
      }
    }
    out.append(']');
  }
}
