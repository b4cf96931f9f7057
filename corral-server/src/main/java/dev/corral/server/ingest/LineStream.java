package dev.corral.server.ingest;

import dev.corral.model.LogEvent;
import java.util.List;

/**
 * The raw lines of one connection of a streaming input (a TCP syslog connection), as the processing
 * joins them into events before they are appended (a pipeline's {@code multiline} block): lines go in,
 * complete events come out, and a group still open waits for its next line until its flush deadline.
 * Opened per connection by {@link IngestSink#openLineStream}; the events it returns are appended like
 * any others (and run their pipeline then). Not thread-safe: the caller serializes its calls (the
 * connection's thread and its flush timer).
 */
public interface LineStream {
  /** No joining: every line is an event at once. */
  LineStream PASS = new LineStream() {
    @Override
    public List<LogEvent> add(LogEvent line, long nowNanos) {
      return List.of(line);
    }

    @Override
    public List<LogEvent> flushIfIdle(long nowNanos) {
      return List.of();
    }

    @Override
    public List<LogEvent> flush() {
      return List.of();
    }

    @Override
    public long flushDeadlineNanos() {
      return Long.MAX_VALUE;
    }
  };

  /**
   * Adds the next line.
   *
   * @param nowNanos {@link System#nanoTime()} when it arrived
   * @return the events this line completed (itself, when it is not joined), in order
   */
  List<LogEvent> add(LogEvent line, long nowNanos);

  /** The open group as an event when its flush deadline has passed at {@code nowNanos} ({@link System#nanoTime()}). */
  List<LogEvent> flushIfIdle(long nowNanos);

  /** The open group as an event, whatever its deadline: the connection ends. */
  List<LogEvent> flush();

  /** When {@link #flushIfIdle} will return the open group ({@link System#nanoTime()} scale); {@link Long#MAX_VALUE} when none is open. */
  long flushDeadlineNanos();
}
