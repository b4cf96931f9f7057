package dev.corral.server.inputs.raw;

import dev.corral.model.FieldNames;
import dev.corral.model.Fields;
import dev.corral.model.Level;
import dev.corral.model.LogEvent;
import dev.corral.model.normalize.LineError;
import dev.corral.server.ingest.DeadLetter;
import dev.corral.server.ingest.DecodedBatch;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns a text body into events, one per line: {@code message} = the line (without its {@code \n}
 * or {@code \r\n}), {@code service} as given, level INFO, the time of receipt (a pipeline's {@code
 * date} may set another). Empty lines are skipped. A line that is not valid UTF-8 is kept with each
 * bad sequence replaced by U+FFFD and the field {@value #INVALID_UTF8_FIELD} = true, and counted; a
 * line longer than {@code ingest.max_message_bytes} becomes a dead letter naming its number, length
 * and the limit. Stateless and thread-safe. The Kafka input reads its {@code raw} topics with it too.
 */
public final class RawLineDecoder {
  /** The flag on an event whose line had invalid UTF-8 (replaced by U+FFFD). */
  static final String INVALID_UTF8_FIELD = "_invalid_utf8";

  private final String input;
  private final int maxLineBytes;

  /** @param maxLineBytes the longest line taken ({@code ingest.max_message_bytes}) */
  public RawLineDecoder(String input, int maxLineBytes) {
    this.input = input;
    this.maxLineBytes = maxLineBytes;
  }

  /** The lines of one body, decoded. */
  public record Lines(List<LogEvent> events, List<DeadLetter> deadLetters, int invalidUtf8, int emptySkipped)
      implements DecodedBatch {}

  /** @param service the {@code service} of every event, or null for none */
  public Lines decode(byte[] bytes, int length, String service, long receivedAtNanos) {
    List<LogEvent> events = new ArrayList<>();
    List<DeadLetter> deadLetters = new ArrayList<>();
    int invalid = 0;
    int empty = 0;
    int lineNumber = 0;
    int start = 0;
    while (start < length) {
      int end = start;
      while (end < length && bytes[end] != '\n') {
        end++;
      }
      lineNumber++;
      int stop = end > start && bytes[end - 1] == '\r' ? end - 1 : end;
      int lineBytes = stop - start;
      if (lineBytes == 0) {
        empty++;
      } else if (lineBytes > maxLineBytes) {
        String excerpt = new String(bytes, start, Math.min(lineBytes, LineError.MAX_EXCERPT_BYTES), StandardCharsets.UTF_8);
        deadLetters.add(new DeadLetter(input, "line " + lineNumber + " is " + lineBytes
            + " bytes, over the limit of " + maxLineBytes + " (ingest.max_message_bytes)", excerpt, lineBytes));
      } else {
        String strict = strictUtf8(bytes, start, lineBytes);
        String text = strict != null ? strict : new String(bytes, start, lineBytes, StandardCharsets.UTF_8);
        if (strict == null) {
          invalid++;
        }
        events.add(event(text, service, strict == null, receivedAtNanos));
      }
      start = end + 1;
    }
    return new Lines(events, deadLetters, invalid, empty);
  }

  private static LogEvent event(String line, String service, boolean replaced, long receivedAtNanos) {
    Fields.Builder fields = Fields.builder(2);
    if (service != null) {
      fields.put(FieldNames.SERVICE, service);
    }
    if (replaced) {
      fields.put(INVALID_UTF8_FIELD, true);
    }
    return new LogEvent(receivedAtNanos, Level.INFO, line, fields.build());
  }

  /** The line as text, or null when it is not valid UTF-8. */
  private static String strictUtf8(byte[] bytes, int offset, int length) {
    try {
      return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes, offset, length)).toString();
    } catch (CharacterCodingException e) {
      return null;
    }
  }
}
