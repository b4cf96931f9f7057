package dev.corral.server.inputs.syslog;

import dev.corral.server.text.Excerpt;
import java.io.IOException;
import java.io.InputStream;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;

/**
 * Splits a syslog TCP stream into messages (RFC 6587), detecting the framing of each message:
 * <ul>
 *   <li><b>octet counting</b> — {@code MSG-LEN SP SYSLOG-MSG}, chosen when a frame starts with
 *       digits, a space and the message's {@code <PRI>}. Multi-line messages stay whole. Other
 *       text starting with digits ({@code 42 is the answer}) is a newline-framed message.
 *   <li><b>non-transparent framing</b> — a message ends at a line feed or a NUL. A connection whose
 *       first message ends in NUL (Python's {@code SysLogHandler}) is taken to be NUL-terminated:
 *       from then on only NUL ends a message, so its multi-line stack traces stay whole. Leading
 *       {@code \r}, {@code \n} and NUL between messages are skipped.
 * </ul>
 * Limits: a message longer than {@code maxMessageBytes} is skipped (an octet-counted one exactly,
 * a delimited one up to its next delimiter) and reported; a frame length of more than
 * {@value #MAX_LENGTH_DIGITS} digits (after a counted frame) or beyond {@value #SKIPPABLE_FACTOR} times the limit, a
 * length that lies (the next frame starts with neither a length nor {@code <}) and a connection
 * that ends inside a counted frame are reported as fatal: the connection is closed. A frame that
 * is still incomplete one idle timeout after its first byte is fatal too (slowloris).
 *
 * <p>Not thread-safe: one reader per connection. A {@link Message} is valid until the next call.
 */
final class SyslogFrameReader {
  /** Ten digits: lengths up to 9,999,999,999; more is garbage, not a frame length. */
  static final int MAX_LENGTH_DIGITS = 10;
  /**
   * A counted frame up to 16 times the message limit is read and skipped so that the connection
   * goes on; a longer count is garbage or a lie, and skipping it would swallow the sender's next
   * gigabytes silently.
   */
  static final int SKIPPABLE_FACTOR = 16;
  /** Start size of the read buffer; it grows to the message limit when messages need it. */
  private static final int INITIAL_BUFFER = 64 * 1024;

  /** What the next frame held. */
  sealed interface Frame permits Message, Rejected {}

  /** A message; {@code bytes} is the reader's buffer, valid until the next call. */
  record Message(byte[] bytes, int offset, int length) implements Frame {}

  /**
   * A frame that is no message.
   *
   * @param fatal whether the stream cannot be read on (the connection must be closed)
   */
  record Rejected(String reason, String excerpt, long inputBytes, boolean fatal) implements Frame {}

  private enum Delimiter { UNKNOWN, NEWLINE, NUL }

  private final InputStream in;
  private final int maxMessageBytes;
  private final long frameTimeoutNanos;
  private final Duration frameTimeout;
  private byte[] buffer;
  private int start;
  private int end;
  private Delimiter delimiter = Delimiter.UNKNOWN;
  private boolean afterCountedFrame;
  /** System.nanoTime() of the current frame's first byte, or -1 between frames. */
  private long frameStarted = -1;

  SyslogFrameReader(InputStream in, int maxMessageBytes, Duration frameTimeout) {
    this.in = in;
    this.maxMessageBytes = maxMessageBytes;
    this.frameTimeout = frameTimeout;
    this.frameTimeoutNanos = frameTimeout.toNanos();
    this.buffer = new byte[Math.min(INITIAL_BUFFER, capacity())];
  }

  /**
   * The next frame, or null when the peer closed the connection between frames.
   *
   * @throws SocketTimeoutException when the connection was idle between frames (the listener's idle timeout)
   * @throws IOException when reading fails
   */
  Frame next() throws IOException {
    frameStarted = -1;
    boolean inMessage = false;
    try {
      while (true) {
        if (start == end && !fill()) {
          return null;
        }
        byte b = buffer[start];
        if (frameStarted < 0) {
          frameStarted = System.nanoTime(); // line breaks trickled one by one count towards the timeout too
        }
        if (b != '\n' && b != '\r' && b != 0) {
          break;
        }
        start++;
      }
      inMessage = true;
      byte first = buffer[start];
      if (first >= '0' && first <= '9') {
        Frame counted = counted();
        if (counted != null) {
          return counted;
        }
      } else if (afterCountedFrame && first != '<') {
        return lie();
      }
      afterCountedFrame = false;
      return delimited();
    } catch (SlowFrameException e) {
      if (!inMessage) {
        throw new SocketTimeoutException(e.getMessage()); // only line breaks: an idle connection, nothing lost
      }
      return new Rejected(e.getMessage(), Excerpt.of(buffer, start, end - start), end - start, true);
    }
  }

  /** Whether bytes are waiting, so that the caller can batch them before storing. */
  boolean hasBuffered() throws IOException {
    return start < end || in.available() > 0;
  }

  /** Reads an octet-counted frame; null when the digits are no frame length (a message starting with a digit). */
  private Frame counted() throws IOException {
    int i = 0;
    long length = 0;
    while (true) {
      if (start + i == end && !fill()) {
        return new Rejected("connection closed inside a frame length", Excerpt.of(buffer, start, i), i, true);
      }
      byte b = buffer[start + i];
      if (b >= '0' && b <= '9') {
        if (i == MAX_LENGTH_DIGITS) {
          if (!afterCountedFrame) {
            return null; // text starting with a long number (an epoch time, say)
          }
          return new Rejected("frame length " + text(start, i) + "… has more than " + MAX_LENGTH_DIGITS + " digits",
              Excerpt.of(buffer, start, i), i, true);
        }
        length = length * 10 + (b - '0');
        i++;
      } else if (b == ' ' && i > 0) {
        if (start + i + 1 == end && !fill()) {
          return afterCountedFrame ? lie() : null;
        }
        if (buffer[start + i + 1] == '<') {
          break; // a length, then a message with its <PRI>
        }
        return afterCountedFrame ? lie() : null; // text like "42 is the answer"
      } else {
        return afterCountedFrame ? lie() : null;
      }
    }
    start += i + 1;
    afterCountedFrame = true;
    if (length > maxMessageBytes) {
      if (length > (long) maxMessageBytes * SKIPPABLE_FACTOR) {
        return new Rejected("frame length " + length + " is absurd: more than " + SKIPPABLE_FACTOR + " times the limit of "
            + maxMessageBytes + " bytes (ingest.max_event_bytes)", Excerpt.of(buffer, start, end - start), length, true);
      }
      String excerpt = Excerpt.of(buffer, start, (int) Math.min(end - start, length));
      long skipped = skip(length);
      if (skipped < length) {
        return new Rejected("connection closed after " + skipped + " of " + length + " bytes of an octet-counted frame",
            excerpt, skipped, true);
      }
      return new Rejected("message of " + length + " bytes is larger than the limit of " + maxMessageBytes
          + " (ingest.max_event_bytes); skipped", excerpt, length, false);
    }
    int size = (int) length;
    while (end - start < size) {
      if (!fill()) {
        return new Rejected("connection closed after " + (end - start) + " of " + size
            + " bytes of an octet-counted frame", Excerpt.of(buffer, start, end - start), end - start, true);
      }
    }
    Message message = new Message(buffer, start, size);
    start += size;
    return message;
  }

  private Frame lie() {
    return new Rejected("octet-counted frame length did not match its message: the next frame starts with "
        + text(start, Math.min(end - start, 20)) + " instead of a length or '<'", Excerpt.of(buffer, start, end - start),
        end - start, true);
  }

  /** Reads a message ending at a delimiter (or at the end of the stream). */
  private Frame delimited() throws IOException {
    int i = 0;
    while (true) {
      while (start + i < end) {
        byte b = buffer[start + i];
        if (b == 0 || (b == '\n' && isNewlineDelimiter(start + i))) {
          if (b == 0 && delimiter == Delimiter.UNKNOWN) {
            delimiter = Delimiter.NUL;
          }
          Message message = new Message(buffer, start, i);
          start += i + 1;
          return message;
        }
        if (++i > maxMessageBytes) {
          return discard(i);
        }
      }
      if (!fill()) {
        if (i == 0) {
          return null;
        }
        Message last = new Message(buffer, start, i);
        start += i;
        return last;
      }
    }
  }

  /** Whether the line feed at {@code at} ends a message; decides the connection's delimiter on the first one. */
  private boolean isNewlineDelimiter(int at) {
    if (delimiter == Delimiter.UNKNOWN) {
      delimiter = Delimiter.NEWLINE;
      for (int i = at + 1; i < end; i++) {
        if (buffer[i] == 0) {
          delimiter = Delimiter.NUL; // a NUL-terminated message with line feeds inside
          break;
        }
        if (buffer[i] == '\n' && i + 1 < end && buffer[i + 1] == '<') {
          break;
        }
      }
    }
    return delimiter == Delimiter.NEWLINE;
  }

  /** Drops an over-long delimited message up to and including its delimiter. */
  private Frame discard(int scanned) throws IOException {
    String excerpt = Excerpt.of(buffer, start, scanned);
    long dropped = scanned;
    start += scanned;
    while (true) {
      while (start < end) {
        byte b = buffer[start++];
        if (b == 0 || (b == '\n' && delimiter != Delimiter.NUL)) {
          return new Rejected("message longer than the limit of " + maxMessageBytes + " bytes (ingest.max_event_bytes); "
              + "discarded up to the next " + (b == 0 ? "NUL" : "line feed") + " (" + dropped + " bytes)", excerpt, dropped,
              false);
        }
        dropped++;
      }
      if (!fill()) {
        return new Rejected("message longer than the limit of " + maxMessageBytes + " bytes (ingest.max_event_bytes); "
            + "discarded up to the end of the connection (" + dropped + " bytes)", excerpt, dropped, false);
      }
    }
  }

  /** Reads and drops {@code length} bytes; returns how many there were before the stream ended. */
  private long skip(long length) throws IOException {
    long skipped = 0;
    while (skipped < length) {
      if (start == end && !fill()) {
        return skipped;
      }
      int n = (int) Math.min(end - start, length - skipped);
      start += n;
      skipped += n;
    }
    return skipped;
  }

  /** Reads more bytes after {@code end}; false at the end of the stream. */
  private boolean fill() throws IOException {
    if (end == buffer.length) {
      if (start > 0) {
        System.arraycopy(buffer, start, buffer, 0, end - start);
        end -= start;
        start = 0;
      } else if (buffer.length < capacity()) {
        buffer = Arrays.copyOf(buffer, (int) Math.min(capacity(), buffer.length * 2L));
      } else {
        throw new IllegalStateException("BUG: frame buffer of " + buffer.length + " bytes is full");
      }
    } else if (start == end) {
      start = 0;
      end = 0;
    }
    if (frameStarted >= 0 && System.nanoTime() - frameStarted > frameTimeoutNanos) {
      throw new SlowFrameException("message still incomplete " + frameTimeout + " (sockets.idle_timeout) after its first "
          + "byte; " + (end - start) + " bytes buffered: a stalled or slowloris sender");
    }
    int n;
    try {
      n = in.read(buffer, end, buffer.length - end);
    } catch (SocketTimeoutException e) {
      if (frameStarted >= 0) {
        throw new SlowFrameException("connection sent nothing for " + frameTimeout + " (sockets.idle_timeout) inside a "
            + "message; " + (end - start) + " bytes of it received");
      }
      throw e;
    }
    if (n < 0) {
      return false;
    }
    end += n;
    return true;
  }

  /** The largest buffer: a whole message, plus its length prefix and delimiter. */
  private int capacity() {
    return (int) Math.min(Integer.MAX_VALUE - 16, (long) maxMessageBytes + MAX_LENGTH_DIGITS + 2);
  }

  private String text(int from, int length) {
    return "'" + new String(buffer, from, length, StandardCharsets.UTF_8) + "'";
  }

  /** A frame that did not complete within the frame timeout. */
  private static final class SlowFrameException extends IOException {
    private static final long serialVersionUID = 1L;

    SlowFrameException(String message) {
      super(message);
    }
  }
}
