package dev.corral.server.inputs.gelf;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import dev.corral.model.FieldNames;
import dev.corral.model.Fields;
import dev.corral.model.Level;
import dev.corral.model.LogEvent;
import dev.corral.model.normalize.DecodeLimits;
import dev.corral.model.normalize.EventDecoder;
import dev.corral.model.normalize.InvalidEventException;
import dev.corral.model.normalize.Normalizer;
import dev.corral.model.normalize.Utf8Text;
import dev.corral.model.normalize.JsonTokenKind;
import java.io.IOException;
import java.util.List;
import java.util.Objects;

/**
 * Decodes one GELF message (a JSON object, GELF 1.0 or 1.1) into a canonical {@link LogEvent}.
 *
 * <p>The GELF fields are renamed to canonical ones, then the whole event goes through the
 * {@link Normalizer}, so the alias table applies to the additional fields:
 * <ul>
 *   <li>{@code short_message} is the {@code message}; it is required (GELF says so), a message
 *       without it, or with an empty one, is rejected.
 *   <li>{@code full_message} becomes {@code exception.stacktrace} when it looks like a stack trace
 *       ({@link StackTraceText}). Otherwise, when it starts with short_message (senders make the
 *       short one the first line or the first 250 characters of the full one) it is the
 *       {@code message}, so a long or multi-line message is searchable whole; otherwise it is kept
 *       as {@code full_message}. One that only repeats short_message is dropped.
 *   <li>{@code timestamp} (epoch seconds with a fraction; numeric text as GELF 1.0 senders write
 *       it, or any text the {@link dev.corral.model.normalize.TimestampParser} reads) is the
 *       {@code timestamp}; missing or unreadable, the receive time (the text kept in
 *       {@code timestamp_original}).
 *   <li>{@code level} is a syslog severity 0-7 ({@link Level#fromSyslogSeverity}), as a number or
 *       as digits; a level name ({@code "ERROR"}, {@code "warning"}) is read by {@link Level#parse};
 *       anything else gives INFO with the value kept in {@code level_original}; missing, INFO.
 *   <li>{@code host} is the {@code host}; {@code version} (the GELF version, not the service's) is
 *       kept as {@code gelf.version}.
 *   <li>Additional fields {@code _foo} become {@code foo} and then go through the alias table
 *       ({@code _service} → service, {@code _trace_id} → trace_id, {@code _StackTrace} →
 *       exception.stacktrace, {@code _version} → version); {@code _id} is reserved by GELF and
 *       ignored. When {@code foo} is already taken by a GELF field ({@code _host} next to
 *       {@code host}), the additional field keeps its underscore.
 *   <li>Other names ({@code facility}, {@code line}, {@code file} of GELF 1.0) are kept as sent.
 * </ul>
 * Thread-safe: one instance serves every request.
 */
final class GelfMessageDecoder {
  static final String SHORT_MESSAGE = "short_message";
  static final String FULL_MESSAGE = "full_message";
  static final String GELF_VERSION = "gelf.version";
  private final DecodeLimits limits;
  private final Normalizer normalizer;
  private final JsonFactory factory;

  GelfMessageDecoder(DecodeLimits limits, Normalizer normalizer) {
    this.limits = Objects.requireNonNull(limits, "limits");
    this.normalizer = Objects.requireNonNull(normalizer, "normalizer");
    this.factory = EventDecoder.jsonFactory(limits);
  }

  DecodeLimits limits() {
    return limits;
  }

  /**
   * Decodes the single GELF JSON object in {@code bytes[offset, offset + length)} (UTF-8; whitespace
   * around it is allowed).
   *
   * @throws InvalidEventException when the bytes are not one JSON object, break a limit, or lack
   *     {@code short_message}; the reason names the value, the limit and the place
   */
  LogEvent decode(byte[] bytes, int offset, int length, long receivedAtNanos) throws InvalidEventException {
    if (length > limits.maxEventBytes()) {
      throw new InvalidEventException("GELF message is " + length + " bytes, more than the limit of "
          + limits.maxEventBytes() + " bytes (ingest.max_event_bytes)");
    }
    try (JsonParser parser = factory.createParser(bytes, offset, length)) {
      JsonToken first = parser.nextToken();
      if (first != JsonToken.START_OBJECT) {
        throw new InvalidEventException(first == null ? "GELF message is empty"
            : "a GELF message must be a JSON object, got " + describe(first));
      }
      List<GelfMessageReader.Member> members = new GelfMessageReader(parser, limits, factory).read();
      JsonToken trailing = parser.nextToken();
      if (trailing != null) {
        throw new InvalidEventException("unexpected " + describe(trailing) + " after the GELF message at column "
            + parser.currentTokenLocation().getColumnNr() + "; send one message per line");
      }
      return normalizer.normalize(canonicalFields(members), receivedAtNanos);
    } catch (JsonProcessingException e) {
      throw malformed(e, bytes, offset, length);
    } catch (IOException e) {
      throw new IllegalStateException("BUG: I/O error reading a byte array: " + e, e);
    }
  }

  /** The raw fields for the normalizer: GELF names renamed as the class comment says. */
  private static Fields canonicalFields(List<GelfMessageReader.Member> members) throws InvalidEventException {
    Object shortMessage = null;
    Object fullMessage = null;
    Object timestamp = null;
    Object level = null;
    Object host = null;
    Object version = null;
    for (GelfMessageReader.Member member : members) {
      Object value = member.value();
      switch (member.name()) {
        case SHORT_MESSAGE -> shortMessage = value;
        case FULL_MESSAGE -> fullMessage = value;
        case "timestamp" -> timestamp = value;
        case "level" -> level = value;
        case "host" -> host = value;
        case "version" -> version = value;
        default -> {
          // other fields are added below, after the GELF ones have taken their names
        }
      }
    }
    Fields.Builder fields = Fields.builder(members.size() + 2);
    putMessages(requireShortMessage(shortMessage), fullMessage, fields);
    putIfPresent(fields, FieldNames.TIMESTAMP, timestamp);
    if (level != null) {
      putLevel(level, fields);
    }
    putIfPresent(fields, FieldNames.HOST, host);
    putIfPresent(fields, GELF_VERSION, version);
    for (GelfMessageReader.Member member : members) {
      String name = member.name();
      if (!isAdditional(name) && !isGelfField(name)) {
        fields.put(fields.get(name) == null ? name : "gelf." + name, member.value()); // e.g. a stray "message"
      }
    }
    for (GelfMessageReader.Member member : members) {
      String name = member.name();
      if (isAdditional(name) && !name.equals("_id")) { // _id is reserved by GELF
        String stripped = name.substring(1);
        fields.put(fields.get(stripped) == null ? stripped : name, member.value());
      }
    }
    return fields.build();
  }

  /** GELF's additional fields: {@code _name} (a lone "_" is just a name). */
  private static boolean isAdditional(String name) {
    return name.length() > 1 && name.charAt(0) == '_';
  }

  private static boolean isGelfField(String name) {
    return switch (name) {
      case SHORT_MESSAGE, FULL_MESSAGE, "timestamp", "level", "host", "version" -> true;
      default -> false;
    };
  }

  private static void putIfPresent(Fields.Builder fields, String name, Object value) {
    if (value != null) {
      fields.put(name, value);
    }
  }

  /** The message, and the full_message where it adds something (see the class comment). */
  private static void putMessages(Object shortMessage, Object fullMessage, Fields.Builder fields) {
    if (fullMessage == null || fullMessage.equals(shortMessage)) {
      fields.put(FieldNames.MESSAGE, shortMessage);
    } else if (fullMessage instanceof String full && StackTraceText.looksLikeStackTrace(full)) {
      fields.put(FieldNames.MESSAGE, shortMessage);
      fields.put(FieldNames.EXCEPTION_STACKTRACE, full);
    } else if (fullMessage instanceof String full && shortMessage instanceof String headline && full.startsWith(headline)) {
      fields.put(FieldNames.MESSAGE, full); // short_message was its first line or a cut of it
    } else {
      fields.put(FieldNames.MESSAGE, shortMessage);
      fields.put(FULL_MESSAGE, fullMessage);
    }
  }

  private static Object requireShortMessage(Object value) throws InvalidEventException {
    if (value == null) {
      throw new InvalidEventException("GELF message has no short_message, which GELF requires");
    }
    if (value instanceof String text && text.isBlank()) {
      throw new InvalidEventException("GELF message has an empty short_message, which GELF requires");
    }
    return value;
  }

  /** Puts the canonical level name for a GELF level, or the raw value where it names none. */
  private static void putLevel(Object value, Fields.Builder fields) {
    Level level = GelfLevel.parse(value);
    if (level != null) {
      fields.put(FieldNames.LEVEL, level.name());
    } else {
      fields.put(FieldNames.LEVEL, Level.INFO.name());
      fields.put(FieldNames.LEVEL_ORIGINAL, value);
    }
  }

  private static InvalidEventException malformed(JsonProcessingException e, byte[] bytes, int offset, int length) {
    String detail = e.getOriginalMessage() == null ? e.getClass().getSimpleName() : e.getOriginalMessage();
    int newline = detail.indexOf('\n');
    if (newline >= 0) {
      detail = detail.substring(0, newline);
    }
    if (detail.startsWith("Invalid UTF-8")) {
      int bad = Utf8Text.firstInvalid(bytes, offset, length);
      if (bad >= 0) {
        return new InvalidEventException(String.format("invalid UTF-8 at byte %d of the GELF message (0x%02x)",
            bad + 1, bytes[offset + bad] & 0xFF), false, e);
      }
    }
    var location = e.getLocation();
    String where = location == null ? "" : " at column " + location.getColumnNr();
    return new InvalidEventException("malformed JSON" + where + ": " + detail, false, e);
  }

  private static String describe(JsonToken token) {
    return JsonTokenKind.of(token, "the end of the message");
  }
}
