package dev.corral.model.normalize;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import dev.corral.model.LogEvent;
import java.io.IOException;
import java.util.Objects;

/**
 * Decodes one foreign JSON event into a canonical {@link LogEvent}: the hot path of ingest.
 *
 * <p>The object is read with Jackson's streaming parser straight into flattened fields (no
 * intermediate tree), enforcing {@link DecodeLimits} as it goes, then handed to the
 * {@link Normalizer}. Field values: strings stay strings, integers become {@code Long} (beyond a
 * long they stay their digits as a string), other numbers {@code Double} (beyond a double they stay
 * text), booleans {@code Boolean}; {@code null} omits the field. Nested objects are flattened with
 * dots ({@code context.payment_amount}); an array (of scalars or objects) is kept whole as its
 * compact JSON text ({@code ["a","b"]}) under its name and counts as one field.
 * When the same name occurs more than once ({@code {"a":{"b":1},"a.b":2}}), every value is kept:
 * the field becomes multi-valued, the JSON array of its values in event order ({@code [1,2]}),
 * stored like an array sent as such.
 *
 * <p>Thread-safe: one instance serves every ingest thread.
 */
public final class EventDecoder {
  /**
   * Jackson's own nesting guard, set well above {@link DecodeLimits#maxDepth()} so that this
   * class reports depth itself and can skip an over-deep element of a JSON array body.
   */
  private static final int PARSER_NESTING_BACKSTOP = 1000;
  /** Longest field path quoted in an error; deeper paths are cut with an ellipsis. */
  private static final int MAX_QUOTED_PATH = 80;

  private final DecodeLimits limits;
  private final IngestWindow window;
  private final Normalizer normalizer;
  private final JsonFactory factory;
  /** Shared by every event this decoder reads, so nested names of one shape are joined once. */
  private final FieldPaths paths = new FieldPaths();

  /** A decoder enforcing {@code limits} and applying {@code aliases}, with no time window. */
  public EventDecoder(DecodeLimits limits, AliasTable aliases) {
    this(limits, aliases, IngestWindow.UNLIMITED);
  }

  /**
   * A decoder enforcing {@code limits}, applying {@code aliases} and telling events outside
   * {@code window} apart ({@link IngestBody} and the server's ingest path act on it).
   */
  public EventDecoder(DecodeLimits limits, AliasTable aliases, IngestWindow window) {
    this.limits = Objects.requireNonNull(limits, "limits");
    this.window = Objects.requireNonNull(window, "window");
    this.normalizer = new Normalizer(aliases, limits.maxMessageBytes());
    this.factory = jsonFactory(limits);
  }

  /**
   * A Jackson factory whose parser constraints follow {@code limits}: strings, names and numbers
   * no longer than an event may be, and a nesting guard above the configured depth so that the
   * reader, not Jackson, reports depth with the field path. For every input that parses JSON events.
   */
  public static JsonFactory jsonFactory(DecodeLimits limits) {
    int maxText = limits.maxEventBytes();
    return JsonFactory.builder()
        // Correctly rounded like Double.parseDouble, without making a String of every number first.
        .enable(StreamReadFeature.USE_FAST_DOUBLE_PARSER)
        .streamReadConstraints(StreamReadConstraints.builder()
            .maxNestingDepth(Math.max(PARSER_NESTING_BACKSTOP, limits.maxDepth() + 1))
            .maxStringLength(maxText)
            .maxNameLength(maxText)
            .maxNumberLength(maxText)
            .build())
        .build();
  }

  /** The default limits and alias table. */
  public static EventDecoder defaults() {
    return new EventDecoder(DecodeLimits.DEFAULTS, AliasTable.defaults());
  }

  public DecodeLimits limits() {
    return limits;
  }

  /** The range of timestamps that ingest indexes; events outside become dead letters. */
  public IngestWindow window() {
    return window;
  }

  public Normalizer normalizer() {
    return normalizer;
  }

  /** The factory whose parsers {@link #decode(JsonParser, long)} expects (thread-safe, shared). */
  public JsonFactory factory() {
    return factory;
  }

  /**
   * Decodes the single JSON object in {@code bytes[offset, offset + length)} (UTF-8; whitespace
   * around it is allowed, anything else is not).
   *
   * @param receivedAtNanos receive time, epoch nanoseconds: the timestamp of events without one
   * @throws InvalidEventException when the bytes are not one JSON object within the limits
   */
  public LogEvent decode(byte[] bytes, int offset, int length, long receivedAtNanos) throws InvalidEventException {
    Objects.checkFromIndexSize(offset, length, bytes.length);
    if (length > limits.maxEventBytes()) {
      throw new InvalidEventException("event is " + length + " bytes, more than the limit of "
          + limits.maxEventBytes() + " (ingest.max_event_bytes)");
    }
    try (JsonParser parser = factory.createParser(bytes, offset, length)) {
      JsonToken first = parser.nextToken();
      if (first != JsonToken.START_OBJECT) {
        throw new InvalidEventException(first == null ? "event is empty" : "expected a JSON object, got " + describe(first));
      }
      LogEvent event = decodeObject(parser, receivedAtNanos);
      JsonToken trailing = parser.nextToken();
      if (trailing != null) {
        throw new InvalidEventException("unexpected " + describe(trailing) + " after the JSON object at column "
            + parser.currentTokenLocation().getColumnNr());
      }
      return event;
    } catch (JsonProcessingException e) {
      throw malformed(e, bytes, offset, length);
    } catch (IOException e) {
      throw new IllegalStateException("BUG: I/O error reading a byte array: " + e, e);
    }
  }

  /**
   * Decodes the object at which {@code parser} stands ({@link JsonToken#START_OBJECT}), e.g. one
   * element of a JSON array body; the parser should come from {@link #factory()}. On return the
   * parser stands on the object's {@link JsonToken#END_OBJECT}. When the object breaks a limit the
   * exception is {@link InvalidEventException#resumable() resumable} and the parser has been moved
   * to the object's end; on malformed JSON the parser cannot go on.
   *
   * @throws InvalidEventException when the object breaks a limit or the JSON is malformed
   */
  public LogEvent decode(JsonParser parser, long receivedAtNanos) throws InvalidEventException {
    if (parser.currentToken() != JsonToken.START_OBJECT) {
      throw new IllegalArgumentException("parser must stand on START_OBJECT, not " + parser.currentToken());
    }
    long start = parser.currentTokenLocation().getByteOffset();
    try {
      LogEvent event = decodeObject(parser, receivedAtNanos);
      long end = parser.currentLocation().getByteOffset();
      if (start >= 0 && end >= 0 && end - start > limits.maxEventBytes()) {
        throw new InvalidEventException("event is " + (end - start) + " bytes, more than the limit of "
            + limits.maxEventBytes() + " (ingest.max_event_bytes)");
      }
      return event;
    } catch (JsonProcessingException e) {
      throw malformed(e, null, 0, 0);
    } catch (IOException e) {
      throw new InvalidEventException("cannot read the event: " + e.getMessage(), false, e);
    }
  }

  /**
   * Reads the object whose START_OBJECT is current, leaving the parser on its END_OBJECT (when it
   * returns normally). Checks no size: the caller has.
   */
  LogEvent decodeObject(JsonParser parser, long receivedAtNanos) throws IOException, InvalidEventException {
    ObjectReader reader = new ObjectReader(parser, limits, factory, paths);
    return normalizer.normalize(reader.read(), receivedAtNanos);
  }

  private static InvalidEventException malformed(JsonProcessingException e, byte[] bytes, int offset, int length) {
    String detail = jacksonDetail(e);
    if (detail.startsWith("Invalid UTF-8") && bytes != null) {
      int bad = Utf8Text.firstInvalid(bytes, offset, length);
      if (bad >= 0) {
        return new InvalidEventException(String.format("invalid UTF-8 at byte %d (0x%02x)", bad + 1, bytes[offset + bad] & 0xFF), false, e);
      }
    }
    JsonLocation location = e.getLocation();
    String where = location == null ? ""
        : location.getLineNr() > 1 ? " at line " + location.getLineNr() + ", column " + location.getColumnNr()
        : " at column " + location.getColumnNr();
    String what = detail.startsWith("Invalid UTF-8") ? "invalid UTF-8" : "malformed JSON";
    return new InvalidEventException(what + where + ": " + detail, false, e);
  }

  /** Jackson's own reason, cut to its first line and without its source-marker noise. */
  static String jacksonDetail(JsonProcessingException e) {
    String detail = e.getOriginalMessage() == null ? e.getClass().getSimpleName() : e.getOriginalMessage();
    int newline = detail.indexOf('\n');
    if (newline >= 0) {
      detail = detail.substring(0, newline);
    }
    int marker = detail.indexOf(" (start marker at");
    return marker >= 0 ? detail.substring(0, marker) : detail;
  }

  /** What a token is, for messages: "an array", "a string", … (never null here). */
  static String describe(JsonToken token) {
    return JsonTokenKind.of(token, "nothing");
  }

  /** A field path for an error message, cut to a readable length. */
  static String quote(String path) {
    return path.length() <= MAX_QUOTED_PATH ? path : path.substring(0, MAX_QUOTED_PATH) + "…";
  }
}
