package dev.corral.model.normalize;

import java.nio.charset.StandardCharsets;

/**
 * Why one event of a request body was not accepted, with the start of what was sent so the event
 * can be kept in the dead-letter store.
 *
 * @param line 1-based line of an NDJSON body, or 1-based element number of a JSON array body
 * @param reason what was wrong, with value, limit and place ({@link InvalidEventException#reason()})
 * @param excerpt the first {@link #MAX_EXCERPT_BYTES} bytes of the rejected input as text (invalid
 *     UTF-8 replaced), or empty when it could not be isolated; the whole input for a valid event
 *     outside the ingest window ({@link #whole})
 * @param inputBytes the size of the rejected input, or 0 when unknown
 */
public record LineError(int line, String reason, String excerpt, int inputBytes) {
  /** Enough of a rejected event to see what it was, without keeping a 10 MB line twice. */
  public static final int MAX_EXCERPT_BYTES = 16 * 1024;

  public LineError {
    if (line < 1) {
      throw new IllegalArgumentException("line is " + line + ", must be at least 1");
    }
    if (reason == null || reason.isEmpty()) {
      throw new IllegalArgumentException("reason of line " + line + " must not be empty");
    }
    if (excerpt == null) {
      throw new IllegalArgumentException("excerpt of line " + line + " must not be null (use \"\")");
    }
  }

  /** An error whose input could not be isolated (e.g. the rest of a broken JSON array). */
  public LineError(int line, String reason) {
    this(line, reason, "", 0);
  }

  /** An error for the input at {@code bytes[offset, offset + length)}. */
  public static LineError of(int line, String reason, byte[] bytes, int offset, int length) {
    String excerpt = new String(bytes, offset, Math.min(length, MAX_EXCERPT_BYTES), StandardCharsets.UTF_8);
    return new LineError(line, reason, excerpt, length);
  }

  /**
   * An error for a valid event refused as a whole, e.g. outside the ingest window: the excerpt is
   * all of {@code bytes[offset, offset + length)} (already within {@code ingest.max_event_bytes}),
   * so the dead letter keeps the event complete.
   */
  public static LineError whole(int line, String reason, byte[] bytes, int offset, int length) {
    return new LineError(line, reason, new String(bytes, offset, length, StandardCharsets.UTF_8), length);
  }

  @Override
  public String toString() {
    return "line " + line + ": " + reason;
  }
}
