package dev.corral.query;

/**
 * A time that reads well but lies outside what Corral can store and search: timestamps are epoch
 * nanoseconds in a signed 64-bit number, so from {@link #EARLIEST} to {@link #LATEST} (years 1677
 * to 2262). A client error: the message names the place, the text and the accepted range.
 */
public final class TimeOutOfRangeException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;
  /** The earliest time: epoch nanosecond {@link Long#MIN_VALUE}. */
  public static final String EARLIEST = "1677-09-21T00:12:43.145224192Z";
  /** The latest time: epoch nanosecond {@link Long#MAX_VALUE}. */
  public static final String LATEST = "2262-04-11T23:47:16.854775807Z";

  private final String text;

  /**
   * @param place where the time was given, e.g. {@code 'from'}, or null
   * @param text the time as typed
   */
  public TimeOutOfRangeException(String place, String text, Throwable cause) {
    super((place == null ? "" : place + " ") + "time '" + text + "' is out of range; the accepted range is "
        + EARLIEST + " to " + LATEST, cause);
    this.text = text;
  }

  /** The same refusal, saying where the time was given ({@code 'from'}, {@code 'to'}). */
  public TimeOutOfRangeException at(String place) {
    return new TimeOutOfRangeException(place, text, getCause());
  }
}
