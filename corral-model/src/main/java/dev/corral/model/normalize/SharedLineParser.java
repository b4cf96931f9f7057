package dev.corral.model.normalize;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.corral.model.LogEvent;
import java.io.IOException;

/**
 * Decodes the consecutive lines of one NDJSON body with one Jackson parser instead of one per line,
 * which saves the parser's setup (several objects and buffers) on every event.
 *
 * <p>It only ever <em>accepts</em> a line: one that holds exactly one JSON object (whitespace
 * around it allowed) within the limits gives the event {@link EventDecoder#decode(byte[], int, int,
 * long)} would give for that line, since the parse of an object is fixed by its bytes up to its
 * closing brace. Any other line (malformed, not an object, more than one value, an object running
 * on into the next line, over a limit) gives {@code null}, and the caller decodes it on its own,
 * which yields the same outcome and error as before this reader existed. After such a line the
 * parser is dropped and the next line starts a new one, so a bad line never affects the next.
 *
 * <p>One instance per body and thread; {@link #close()} releases the parser.
 */
final class SharedLineParser implements AutoCloseable {
  private final EventDecoder decoder;
  private final byte[] body;
  private final int end;
  private final long receivedAtNanos;
  private JsonParser parser;
  /** Offset in the body where the current parser's input starts: its byte offsets count from here. */
  private int parserStart;

  /** A reader of the lines of {@code body} up to {@code end} (exclusive). */
  SharedLineParser(EventDecoder decoder, byte[] body, int end, long receivedAtNanos) {
    this.decoder = decoder;
    this.body = body;
    this.end = end;
    this.receivedAtNanos = receivedAtNanos;
  }

  /**
   * The event of the line whose content is {@code body[start, contentEnd)}, or {@code null} when
   * the caller must decode the line on its own. Lines must be asked for in body order, each one
   * not blank, without skipping any non-blank line in between.
   */
  LogEvent tryDecode(int start, int contentEnd) {
    if (contentEnd - start > decoder.limits().maxEventBytes()) {
      drop();
      return null;
    }
    try {
      if (parser == null) {
        parser = decoder.factory().createParser(body, start, end - start);
        parserStart = start;
      }
      // The previous object ended its line with only whitespace after it, and blank lines are
      // whitespace too: the next token is this line's first.
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        drop();
        return null;
      }
      LogEvent event = decoder.decodeObject(parser, receivedAtNanos);
      long objectEnd = parserStart + parser.currentLocation().getByteOffset();
      if (objectEnd > contentEnd || !onlyWhitespace((int) objectEnd, contentEnd)) {
        drop();
        return null;
      }
      return event;
    } catch (IOException | InvalidEventException e) {
      drop(); // the caller decodes the line alone and reports its error
      return null;
    }
  }

  @Override
  public void close() {
    drop();
  }

  private boolean onlyWhitespace(int from, int to) {
    for (int i = from; i < to; i++) {
      byte b = body[i];
      if (b != ' ' && b != '\t' && b != '\r') {
        return false;
      }
    }
    return true;
  }

  private void drop() {
    if (parser != null) {
      try {
        parser.close();
      } catch (IOException e) {
        throw new IllegalStateException("BUG: I/O error closing a parser of a byte array: " + e, e);
      }
      parser = null;
    }
  }
}
