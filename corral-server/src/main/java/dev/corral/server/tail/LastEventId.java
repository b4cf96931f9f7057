package dev.corral.server.tail;

import java.util.OptionalLong;
import java.util.regex.Pattern;

/**
 * Where a client asks a tail to resume: the {@code Last-Event-ID} header (what a browser's
 * EventSource sends when it reconnects) or, for clients that cannot set headers, the
 * {@code last_event_id} query parameter. The header wins: an EventSource opened with the
 * parameter keeps its URL but sends a newer id in the header on each reconnect.
 */
final class LastEventId {
  /** The query parameter naming the position, for clients that cannot send the header. */
  static final String PARAMETER = "last_event_id";
  static final String HEADER = "Last-Event-ID";
  /** A position is a non-negative long: at most 19 decimal digits. */
  private static final Pattern DIGITS = Pattern.compile("[0-9]{1,19}");

  private LastEventId() {}

  /**
   * The position to resume from, or empty when neither is given (or both are empty: an EventSource
   * that never received an id sends none).
   *
   * @throws UnknownPositionException naming the value and where it came from when it is not a
   *     whole number from 0 to {@link Long#MAX_VALUE}
   */
  static OptionalLong of(String header, String parameter) throws UnknownPositionException {
    if (header != null && !header.isBlank()) {
      return OptionalLong.of(parse(header.strip(), HEADER + " header"));
    }
    if (parameter != null && !parameter.isBlank()) {
      return OptionalLong.of(parse(parameter.strip(), PARAMETER + " parameter"));
    }
    return OptionalLong.empty();
  }

  private static long parse(String text, String source) throws UnknownPositionException {
    if (DIGITS.matcher(text).matches()) {
      try {
        return Long.parseLong(text);
      } catch (NumberFormatException tooBig) {
        // falls through to the refusal below
      }
    }
    String shown = text.length() > 40 ? text.substring(0, 40) + "…" : text;
    throw new UnknownPositionException("the " + source + " '" + shown + "' is not a tail position: ids are the "
        + "write-ahead-log positions a tail sends, whole numbers from 0 to " + Long.MAX_VALUE
        + "; tail without it to start from now");
  }
}
