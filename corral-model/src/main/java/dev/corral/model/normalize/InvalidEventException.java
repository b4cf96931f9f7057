package dev.corral.model.normalize;

/**
 * An incoming event that cannot be accepted, with a reason a person can act on: what was wrong,
 * the value, the limit and where, e.g. {@code event has 10000 fields, more than the limit of
 * 1000 (ingest.max_fields)} or {@code malformed JSON at column 17: Unexpected character …}.
 * The event's neighbours are unaffected; the caller reports the reason (and dead-letters the
 * event) instead of dropping it silently.
 */
public final class InvalidEventException extends Exception {
  private static final long serialVersionUID = 1L;

  private final boolean resumable;

  /** An event rejected for {@code reason}; a parser that read it can go on to the next event. */
  public InvalidEventException(String reason) {
    this(reason, true, null);
  }

  /**
   * @param reason what was wrong, with value, limit and place
   * @param resumable whether a parser shared with other events was left just past this event
   * @param cause the parser's exception, or {@code null}
   */
  public InvalidEventException(String reason, boolean resumable, Throwable cause) {
    super(reason, cause);
    this.resumable = resumable;
  }

  /** The human-readable reason (the exception message). */
  public String reason() {
    return getMessage();
  }

  /**
   * Whether decoding from a shared {@link com.fasterxml.jackson.core.JsonParser} left it just past
   * this event, so that the following events can still be read. False for malformed JSON.
   */
  public boolean resumable() {
    return resumable;
  }
}
