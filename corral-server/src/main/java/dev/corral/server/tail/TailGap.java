package dev.corral.server.tail;

/**
 * Records of the write-ahead log a resumed tail did not replay, announced to the client (an SSE
 * {@code gap} message) instead of being skipped silently.
 *
 * @param from the first WAL position not replayed (the client's {@code Last-Event-ID}, or where the
 *     replay stopped)
 * @param to where the stream continues: the events at and after it are sent
 * @param reason why
 */
record TailGap(long from, long to, Reason reason) {
  /** Why a stretch of the log was not replayed. */
  enum Reason {
    /** Retention deleted the segments holding it. */
    WAL_TRIMMED("wal_trimmed"),
    /** The replay reached {@code tail.max_replay_events} or {@link TailReplay#MAX_REPLAY_BYTES}. */
    REPLAY_LIMIT("replay_limit"),
    /** The position lies past the log's end: this log is not the one the client read (a new data directory). */
    UNKNOWN_POSITION("unknown_position");

    private final String code;

    Reason(String code) {
      this.code = code;
    }

    /** The reason as the API names it. */
    String code() {
      return code;
    }
  }

  /** A sentence for people: what was not replayed and why. */
  String describe() {
    return switch (reason) {
      case WAL_TRIMMED -> "events at WAL positions " + from + " to " + to
          + " were not replayed: the write-ahead log no longer holds them (search for them)";
      case REPLAY_LIMIT -> "events at WAL positions " + from + " to " + to
          + " were not replayed: the replay stopped at its limit (tail.max_replay_events or "
          + TailReplay.MAX_REPLAY_BYTES + " bytes of log); search for them";
      case UNKNOWN_POSITION -> "position " + from + " is past the end of the write-ahead log (" + to
          + "): it comes from another log (a new data directory); tailing from now on";
    };
  }
}
