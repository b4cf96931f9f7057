package dev.corral.model.normalize;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import dev.corral.model.LogEvent;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Decodes a whole ingest request body into events, isolating every bad event from the good ones.
 *
 * <p>The shape is told by the first byte that is not whitespace (a UTF-8 byte order mark is
 * skipped):
 * <ul>
 *   <li>{@code [}: a JSON array of event objects. An element that is not an object, or breaks a
 *       limit, is reported under its 1-based element number and the next element is read.
 *       Malformed JSON stops the array: the error names the element and says the rest could not
 *       be read; elements before it are kept.
 *   <li>anything else: NDJSON, one event per line, split on {@code '\n'} ({@code "\r\n"}
 *       tolerated), blank lines skipped. Each line is decoded on its own, so a malformed line
 *       never affects its neighbours; errors carry 1-based line numbers.
 *   <li>Exception: when the first non-blank line is a lone {@code {}, the body is pretty-printed
 *       JSON (as {@code curl -d @event.json} sends it), which NDJSON could never read. It is read
 *       as a sequence of JSON objects instead; errors carry the line the object starts on, and
 *       malformed JSON stops the sequence like it stops an array.
 * </ul>
 *
 * <p>An event whose timestamp is outside the decoder's {@link EventDecoder#window() ingest window}
 * is reported like a bad one, under its line (or element) number with the reason, and its
 * {@link LineError#excerpt()} holds the whole line, so that the dead letter made of it keeps the
 * event complete.
 *
 * <p>Thread-safe.
 */
public final class IngestBody {
  private static final int EXPECTED_EVENT_BYTES = 300;

  private final EventDecoder decoder;

  public IngestBody(EventDecoder decoder) {
    this.decoder = Objects.requireNonNull(decoder, "decoder");
  }

  /** Decodes {@code body[0, length)}. */
  public DecodedBody decode(byte[] body, int length, long receivedAtNanos) {
    return decode(body, 0, length, receivedAtNanos);
  }

  /**
   * Decodes {@code body[offset, offset + length)}.
   *
   * @param receivedAtNanos receive time, epoch nanoseconds: the timestamp of events without one
   */
  public DecodedBody decode(byte[] body, int offset, int length, long receivedAtNanos) {
    Objects.checkFromIndexSize(offset, length, body.length);
    int end = offset + length;
    int start = skipWhitespaceAndBom(body, offset, end);
    List<LogEvent> events = new ArrayList<>(Math.clamp(length / EXPECTED_EVENT_BYTES, 1, 8192));
    List<LineError> errors = new ArrayList<>();
    if (start < end && body[start] == '[') {
      readArray(body, offset, length, receivedAtNanos, events, errors);
    } else if (firstLineIsLoneBrace(body, start, end)) {
      readObjectSequence(body, offset, length, receivedAtNanos, events, errors);
    } else {
      readLines(body, offset, end, receivedAtNanos, events, errors);
    }
    return new DecodedBody(events, errors);
  }

  private void readLines(byte[] body, int offset, int end, long receivedAtNanos, List<LogEvent> events,
      List<LineError> errors) {
    int line = 0;
    int start = offset;
    try (SharedLineParser shared = new SharedLineParser(decoder, body, end, receivedAtNanos)) {
      while (start < end) {
        line++;
        int newline = indexOf(body, (byte) '\n', start, end);
        int lineEnd = newline < 0 ? end : newline;
        int contentEnd = lineEnd > start && body[lineEnd - 1] == '\r' ? lineEnd - 1 : lineEnd;
        if (!isBlank(body, start, contentEnd)) {
          LogEvent event = shared.tryDecode(start, contentEnd);
          if (event != null) {
            keep(event, line, body, start, contentEnd - start, receivedAtNanos, events, errors);
          } else {
            decodeAlone(body, start, contentEnd, line, receivedAtNanos, events, errors);
          }
        }
        start = lineEnd + 1;
      }
    }
  }

  /** Decodes one line with a parser of its own: the outcome, and error, the line has by itself. */
  private void decodeAlone(byte[] body, int start, int contentEnd, int line, long receivedAtNanos,
      List<LogEvent> events, List<LineError> errors) {
    try {
      LogEvent event = decoder.decode(body, start, contentEnd - start, receivedAtNanos);
      keep(event, line, body, start, contentEnd - start, receivedAtNanos, events, errors);
    } catch (InvalidEventException e) {
      errors.add(LineError.of(line, e.reason(), body, start, contentEnd - start));
    }
  }

  private void readArray(byte[] body, int offset, int length, long receivedAtNanos, List<LogEvent> events,
      List<LineError> errors) {
    int element = 0;
    try (JsonParser parser = decoder.factory().createParser(body, offset, length)) {
      parser.nextToken(); // the '[' seen above
      JsonToken token;
      while ((token = parser.nextToken()) != JsonToken.END_ARRAY) {
        element++;
        if (token == null) {
          errors.add(new LineError(element, "the JSON array is not closed"));
          return;
        }
        if (!decodeElement(parser, body, offset, token, element, receivedAtNanos, events, errors,
            "; elements after " + element + " could not be read")) {
          return;
        }
      }
      JsonToken trailing = parser.nextToken();
      if (trailing != null) {
        errors.add(new LineError(element + 1, "unexpected " + EventDecoder.describe(trailing)
            + " after the JSON array at line " + parser.currentTokenLocation().getLineNr()));
      }
    } catch (JsonProcessingException e) {
      errors.add(new LineError(element + 1, malformed(e) + "; elements from " + (element + 1) + " on could not be read"));
    } catch (IOException e) {
      throw new IllegalStateException("BUG: I/O error reading a byte array: " + e, e);
    }
  }

  private void readObjectSequence(byte[] body, int offset, int length, long receivedAtNanos, List<LogEvent> events,
      List<LineError> errors) {
    int line = 1;
    try (JsonParser parser = decoder.factory().createParser(body, offset, length)) {
      JsonToken token;
      while ((token = parser.nextToken()) != null) {
        line = parser.currentTokenLocation().getLineNr();
        if (!decodeElement(parser, body, offset, token, line, receivedAtNanos, events, errors,
            "; the rest of the body could not be read")) {
          return;
        }
      }
    } catch (JsonProcessingException e) {
      int at = e.getLocation() == null ? line : Math.max(1, e.getLocation().getLineNr());
      errors.add(new LineError(at, malformed(e) + "; the rest of the body could not be read"));
    } catch (IOException e) {
      throw new IllegalStateException("BUG: I/O error reading a byte array: " + e, e);
    }
  }

  /**
   * Decodes the value at {@code token} as event number {@code number}, or records why not.
   *
   * @param origin where the parser's input starts in {@code body}: its byte offsets count from there
   * @param stopped appended to the reason when the rest of the body cannot be read
   * @return false when the parser cannot go on past this value
   */
  private boolean decodeElement(JsonParser parser, byte[] body, int origin, JsonToken token, int number,
      long receivedAtNanos, List<LogEvent> events, List<LineError> errors, String stopped) throws IOException {
    if (token != JsonToken.START_OBJECT) {
      errors.add(new LineError(number, "expected a JSON object, got " + EventDecoder.describe(token)));
      parser.skipChildren();
      return true;
    }
    long start = parser.currentTokenLocation().getByteOffset();
    try {
      LogEvent event = decoder.decode(parser, receivedAtNanos);
      long end = parser.currentLocation().getByteOffset();
      keep(event, number, body, origin + (int) start, (int) (end - start), receivedAtNanos, events, errors);
      return true;
    } catch (InvalidEventException e) {
      errors.add(new LineError(number, e.resumable() ? e.reason() : e.reason() + stopped));
      return e.resumable();
    }
  }

  /**
   * Adds a decoded event to the accepted ones, or, when its timestamp is outside the ingest window,
   * an error carrying the reason and the whole input {@code bytes[start, start + length)}.
   */
  private void keep(LogEvent event, int line, byte[] bytes, int start, int length, long receivedAtNanos,
      List<LogEvent> events, List<LineError> errors) {
    IngestWindow window = decoder.window();
    if (window.contains(event.timestamp(), receivedAtNanos)) {
      events.add(event);
    } else {
      errors.add(LineError.whole(line, window.reason(event.timestamp(), receivedAtNanos), bytes, start, length));
    }
  }

  private static String malformed(JsonProcessingException e) {
    String detail = EventDecoder.jacksonDetail(e);
    return e.getLocation() == null ? "malformed JSON: " + detail
        : "malformed JSON at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ": " + detail;
  }

  private static boolean firstLineIsLoneBrace(byte[] body, int start, int end) {
    if (start >= end || body[start] != '{') {
      return false;
    }
    for (int i = start + 1; i < end; i++) {
      byte b = body[i];
      if (b == '\n') {
        return true;
      }
      if (b != ' ' && b != '\t' && b != '\r') {
        return false;
      }
    }
    return false;
  }

  private static int skipWhitespaceAndBom(byte[] body, int start, int end) {
    int i = start;
    if (end - i >= 3 && body[i] == (byte) 0xEF && body[i + 1] == (byte) 0xBB && body[i + 2] == (byte) 0xBF) {
      i += 3;
    }
    while (i < end && isWhitespace(body[i])) {
      i++;
    }
    return i;
  }

  private static boolean isBlank(byte[] body, int start, int end) {
    for (int i = start; i < end; i++) {
      if (!isWhitespace(body[i])) {
        return false;
      }
    }
    return true;
  }

  private static boolean isWhitespace(byte b) {
    return b == ' ' || b == '\t' || b == '\r' || b == '\n';
  }

  private static int indexOf(byte[] bytes, byte target, int from, int to) {
    for (int i = from; i < to; i++) {
      if (bytes[i] == target) {
        return i;
      }
    }
    return -1;
  }
}
