package dev.corral.server.inputs.gelf;

import dev.corral.model.LogEvent;
import dev.corral.model.normalize.InvalidEventException;
import dev.corral.server.ingest.DeadLetter;
import dev.corral.server.text.Excerpt;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits a GELF HTTP body, or the payload of a GELF UDP datagram, into messages and decodes each one. A body is either one GELF message
 * (which may be pretty-printed over several lines) or a batch of messages, one per line, as
 * Graylog's "bulk receiving" GELF HTTP input reads them; {@code \r\n} line ends, blank lines and
 * NUL-terminated messages (GELF TCP framing) are fine. A message that cannot be decoded becomes a {@link DeadLetter} naming its line and the
 * reason; its neighbours are decoded as usual. Thread-safe.
 */
final class GelfBodyDecoder {
  /** The {@code dead_letter.input} of rejected GELF messages. */
  static final String INPUT = "gelf";
  /** Bytes of a rejected message kept in its dead letter: enough to recognise it. */
  static final int EXCERPT_BYTES = Excerpt.TEXT_BYTES;

  private final GelfMessageDecoder decoder;
  private final String input;

  /** A decoder for the HTTP input, whose dead letters say {@code gelf}. */
  GelfBodyDecoder(GelfMessageDecoder decoder) {
    this(decoder, INPUT);
  }

  /** @param input the {@code dead_letter.input} of rejected messages ({@code gelf}, {@code gelf-udp}) */
  GelfBodyDecoder(GelfMessageDecoder decoder, String input) {
    this.decoder = decoder;
    this.input = input;
  }

  /** Decodes every message of {@code bytes[0, length)}. */
  GelfBatch decode(byte[] bytes, int length, long receivedAtNanos) {
    int start = skipBlank(bytes, 0, length);
    int end = trimEnd(bytes, start, length);
    if (start == end) {
      return reject(List.of(), new DeadLetter(input, "body holds only white space, no GELF message", "", length), 0);
    }
    boolean multiLine = nextSeparator(bytes, start, end) >= 0;
    if (!multiLine) {
      return decodeOne(bytes, start, end, receivedAtNanos);
    }
    GelfBatch whole = decodeOne(bytes, start, end, receivedAtNanos);
    if (!whole.nothingAccepted() || isPrettyPrinted(bytes, start, end)) {
      return whole; // one message over several lines, good or bad
    }
    return decodeLines(bytes, start, end, receivedAtNanos);
  }

  private GelfBatch decodeOne(byte[] bytes, int start, int end, long receivedAtNanos) {
    try {
      return new GelfBatch(List.of(decoder.decode(bytes, start, end - start, receivedAtNanos)), List.of(), 0);
    } catch (InvalidEventException e) {
      return reject(List.of(), deadLetter(e.reason(), bytes, start, end), isOversized(end - start) ? 1 : 0);
    }
  }

  private GelfBatch decodeLines(byte[] bytes, int start, int end, long receivedAtNanos) {
    List<LogEvent> events = new ArrayList<>();
    List<DeadLetter> deadLetters = new ArrayList<>();
    int oversized = 0;
    int line = 1;
    for (int from = start; from < end; line++) {
      int newline = nextSeparator(bytes, from, end);
      int lineEnd = newline < 0 ? end : newline;
      int lineStart = skipBlank(bytes, from, lineEnd);
      int contentEnd = trimEnd(bytes, lineStart, lineEnd);
      if (contentEnd > lineStart) {
        try {
          events.add(decoder.decode(bytes, lineStart, contentEnd - lineStart, receivedAtNanos));
        } catch (InvalidEventException e) {
          deadLetters.add(deadLetter("line " + line + ": " + e.reason(), bytes, lineStart, contentEnd));
          oversized += isOversized(contentEnd - lineStart) ? 1 : 0;
        }
      }
      from = lineEnd + 1;
    }
    return new GelfBatch(events, deadLetters, oversized);
  }

  private boolean isOversized(int messageBytes) {
    return messageBytes > decoder.limits().maxEventBytes();
  }

  /** A body whose first line is only an opening bracket is one JSON value laid out over lines. */
  private static boolean isPrettyPrinted(byte[] bytes, int start, int end) {
    int newline = nextSeparator(bytes, start, end);
    int firstLineEnd = trimEnd(bytes, start, newline);
    return firstLineEnd - start == 1 && (bytes[start] == '{' || bytes[start] == '[');
  }

  private static GelfBatch reject(List<LogEvent> events, DeadLetter deadLetter, int oversized) {
    return new GelfBatch(events, List.of(deadLetter), oversized);
  }

  private DeadLetter deadLetter(String reason, byte[] bytes, int start, int end) {
    return new DeadLetter(input, reason, Excerpt.textOrHex(bytes, start, end), end - start);
  }

  /** The next line end: {@code \n}, or the NUL that ends GELF TCP frames, which some senders reuse. */
  private static int nextSeparator(byte[] bytes, int from, int end) {
    for (int i = from; i < end; i++) {
      if (bytes[i] == '\n' || bytes[i] == 0) {
        return i;
      }
    }
    return -1;
  }

  private static int skipBlank(byte[] bytes, int from, int end) {
    while (from < end && isBlank(bytes[from])) {
      from++;
    }
    return from;
  }

  private static int trimEnd(byte[] bytes, int start, int end) {
    while (end > start && isBlank(bytes[end - 1])) {
      end--;
    }
    return end;
  }

  /** JSON white space, plus NUL: GELF TCP frames end in one and some senders reuse that framing. */
  private static boolean isBlank(byte b) {
    return b == ' ' || b == '\t' || b == '\r' || b == '\n' || b == 0;
  }
}
