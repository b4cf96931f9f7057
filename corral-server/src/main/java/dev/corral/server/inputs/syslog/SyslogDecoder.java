package dev.corral.server.inputs.syslog;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.corral.model.FieldNames;
import dev.corral.model.Fields;
import dev.corral.model.Level;
import dev.corral.model.LogEvent;
import dev.corral.model.normalize.AliasTable;
import dev.corral.model.normalize.EventDecoder;
import dev.corral.model.normalize.InvalidEventException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;

/**
 * Turns one syslog message into a canonical event. The header maps to {@code host} (HOSTNAME,
 * else the sender's address), {@code service} (APP-NAME or tag), {@code level}
 * ({@link Level#fromSyslogSeverity}), {@code timestamp} (else the receive time) and the
 * {@link SyslogFields}; structured data to {@code sd.*} fields. A body that is a JSON object,
 * optionally after the CEE cookie {@code @cee:}, is decoded as a structured event by the
 * configured {@link EventDecoder}, and the header fields fill in what the JSON lacks. A body that
 * merely looks like JSON ({@code {…}}) but does not parse stays text; after {@code @cee:} the
 * sender promised JSON, so broken JSON there is an error.
 *
 * <p>Thread-safe.
 */
final class SyslogDecoder {
  private static final byte[] CEE_COOKIE = "@cee:".getBytes(StandardCharsets.US_ASCII);

  private final EventDecoder events;
  private final SyslogParser parser;

  /** @param clock the time and zone RFC 3164 timestamps (no year, no zone) are read against */
  SyslogDecoder(EventDecoder events, Clock clock) {
    this.events = events;
    this.parser = new SyslogParser(clock, events.limits().maxFields());
  }

  /**
   * Decodes the message in {@code bytes[offset, offset + length)}.
   *
   * @param peer the sender's address, the {@code host} of messages without a HOSTNAME
   * @param receivedAtNanos the timestamp of messages without a usable one
   * @throws InvalidSyslogException naming what is wrong and where
   */
  LogEvent decode(byte[] bytes, int offset, int length, String peer, long receivedAtNanos)
      throws InvalidSyslogException {
    int end = offset + length;
    while (end > offset && (bytes[end - 1] == '\n' || bytes[end - 1] == '\r' || bytes[end - 1] == 0)) {
      end--; // the line ending or NUL of newline-framed senders (also inside octet-counted frames)
    }
    SyslogMessage message = parser.parse(bytes, offset, end);
    int body = message.bodyStart();
    if (end - body >= 3 && bytes[body] == (byte) 0xEF && bytes[body + 1] == (byte) 0xBB && bytes[body + 2] == (byte) 0xBF) {
      body += 3; // RFC 5424 §6.4: a UTF-8 MSG starts with a byte order mark
    }
    long timestamp = message.timestamp() == SyslogMessage.NO_TIMESTAMP ? receivedAtNanos : message.timestamp();
    int json = jsonStart(bytes, body, end);
    boolean cee = json < 0 && startsWith(bytes, skipSpaces(bytes, body, end), end, CEE_COOKIE);
    if (cee) {
      json = skipSpaces(bytes, skipSpaces(bytes, body, end) + CEE_COOKIE.length, end);
    }
    if (json >= 0 && json < end && bytes[json] == '{') {
      try {
        return withHeader(events.decode(bytes, json, end - json, timestamp), message, peer, bytes, json, end);
      } catch (InvalidEventException e) {
        if (cee) {
          throw new InvalidSyslogException("@cee: body is not a JSON event: " + e.getMessage());
        }
      }
    }
    Fields.Builder fields = header(message, peer, message.structuredData().size() + 10);
    fields.put(FieldNames.LEVEL, Level.fromSyslogSeverity(message.priority().severity()).name());
    fields.put(FieldNames.MESSAGE, new String(bytes, body, end - body, StandardCharsets.UTF_8));
    if (message.timestampText() != null) {
      fields.put(FieldNames.TIMESTAMP_ORIGINAL, message.timestampText());
    }
    return events.normalizer().normalize(fields.build(), timestamp);
  }

  /** The header fields of a message (all but level, message and timestamp). */
  private static Fields.Builder header(SyslogMessage message, String peer, int expected) {
    Fields.Builder fields = Fields.builder(expected);
    fields.put(FieldNames.HOST, message.hostname() != null ? message.hostname() : peer);
    if (message.appName() != null) {
      fields.put(FieldNames.SERVICE, message.appName());
    }
    Priority priority = message.priority();
    fields.put(SyslogFields.FACILITY, priority.facilityName());
    fields.put(SyslogFields.FACILITY_CODE, (long) priority.facility());
    fields.put(SyslogFields.SEVERITY, priority.severityName());
    fields.put(SyslogFields.SEVERITY_CODE, (long) priority.severity());
    if (message.procId() != null) {
      fields.put(SyslogFields.PROCID, message.procId());
    }
    if (message.msgId() != null) {
      fields.put(SyslogFields.MSGID, message.msgId());
    }
    for (Map.Entry<String, Object> sd : message.structuredData().entrySet()) {
      fields.put(sd.getKey(), sd.getValue());
    }
    return fields;
  }

  /**
   * The JSON event with the header fields it lacks added; its level is the syslog severity's
   * unless the JSON names one (the JSON's timestamp already won: the header's was the decoder's default).
   */
  private LogEvent withHeader(LogEvent event, SyslogMessage message, String peer, byte[] bytes, int from, int to) {
    Fields.Builder merged = Fields.builder(event.fields().size() + 10);
    Fields header = header(message, peer, 10).build();
    event.fields().forEach(merged::put);
    for (int i = 0; i < header.size(); i++) {
      if (merged.get(header.name(i)) == null) {
        merged.put(header.name(i), header.value(i));
      }
    }
    Level level = event.level();
    if (level == Level.INFO && event.fields().get(FieldNames.LEVEL_ORIGINAL) == null
        && !namesLevel(bytes, from, to)) {
      level = Level.fromSyslogSeverity(message.priority().severity());
    }
    return new LogEvent(event.timestamp(), level, event.message(), merged.build());
  }

  /** Whether the (valid) JSON object in {@code bytes[from, to)} has a field the alias table makes {@code level}. */
  private boolean namesLevel(byte[] bytes, int from, int to) {
    AliasTable aliases = events.normalizer().aliases();
    try (JsonParser json = events.factory().createParser(bytes, from, to - from)) {
      Deque<String> path = new ArrayDeque<>();
      JsonToken token;
      while ((token = json.nextToken()) != null) {
        switch (token) {
          case FIELD_NAME -> {
            String name = path.isEmpty() ? json.currentName() : path.peek() + "." + json.currentName();
            JsonToken value = json.nextToken();
            if (value == JsonToken.START_OBJECT) {
              path.push(name);
            } else {
              if (value == JsonToken.START_ARRAY) {
                json.skipChildren();
              }
              if (aliases.resolve(name).equals(FieldNames.LEVEL)) {
                return true;
              }
            }
          }
          case END_OBJECT -> path.poll();
          default -> { }
        }
      }
      return false;
    } catch (IOException e) {
      throw new IllegalStateException("BUG: JSON that decoded cannot be read again: " + e, e);
    }
  }

  /** Where a JSON object body starts ({@code {} after optional spaces), or -1. */
  private static int jsonStart(byte[] bytes, int body, int end) {
    int pos = skipSpaces(bytes, body, end);
    return pos < end && bytes[pos] == '{' ? pos : -1;
  }

  private static boolean startsWith(byte[] bytes, int pos, int end, byte[] prefix) {
    if (end - pos < prefix.length) {
      return false;
    }
    for (int i = 0; i < prefix.length; i++) {
      if (bytes[pos + i] != prefix[i]) {
        return false;
      }
    }
    return true;
  }

  private static int skipSpaces(byte[] bytes, int pos, int end) {
    while (pos < end && (bytes[pos] == ' ' || bytes[pos] == '\t')) {
      pos++;
    }
    return pos;
  }
}
